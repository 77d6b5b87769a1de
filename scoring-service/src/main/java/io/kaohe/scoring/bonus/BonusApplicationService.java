package io.kaohe.scoring.bonus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import io.kaohe.contracts.InputLimits;
import io.kaohe.contracts.events.BonusApplicationAnswered;
import io.kaohe.contracts.events.BonusApplicationFiled;
import io.kaohe.contracts.rubric.BasePlusAdjustments;
import io.kaohe.contracts.rubric.PerCompletedItem;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.scoring.scores.DecisionKind;
import io.kaohe.scoring.scores.DecisionRequest;
import io.kaohe.scoring.scores.DecisionService;
import io.kaohe.scoring.scores.EvidenceOwners;
import io.kaohe.scoring.scores.JsonNumbers;
import io.kaohe.support.audit.AuditTrail;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.support.problems.Faults;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.rubric.RubricReplica;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.kaohe.support.security.SecurityAudit;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bonus applications (加分申报): a unit's reporter files one for its own unit on a bonus item of the cycle, with
 * the unit's evidence; a department owning the item accepts it — a BONUS decision recorded through
 * {@link DecisionService} in the same transaction, under an id derived from the application's — or refuses it
 * with a reason; the unit may withdraw it before an answer. The item's cap and "单项不重复计分" (a matter counts
 * once per item) are checked when it is filed and again when it is accepted. Every change and refusal is
 * audited; filing and answering are published (outbox) for notification-service.
 */
@Service
public class BonusApplicationService {

    /** What the decisions ledger and the results tables show as the source of an accepted application. */
    static final String SOURCE = "加分申报";

    private final Cycles cycles;
    private final RubricReplica rubric;
    private final BonusCaps caps;
    private final DecisionService decisionService;
    private final EvidenceOwners evidenceOwners;
    private final BonusApplications applications;
    private final EventPublisher events;
    private final SecurityAudit audit;
    private final MessageSource messages;

    BonusApplicationService(Cycles cycles, RubricReplica rubric, BonusCaps caps, DecisionService decisionService,
                            EvidenceOwners evidenceOwners, BonusApplications applications, EventPublisher events,
                            SecurityAudit audit, MessageSource messages) {
        this.cycles = cycles;
        this.rubric = rubric;
        this.caps = caps;
        this.decisionService = decisionService;
        this.evidenceOwners = evidenceOwners;
        this.applications = applications;
        this.events = events;
        this.audit = audit;
        this.messages = messages;
    }

    /** What a unit files. {@code amount} or {@code count}, as the item's rule takes (see {@link BonusItem#takes()}). */
    public record Filing(String itemCode, String matter, JsonNode amount, JsonNode count, String reason,
                         List<String> evidenceIds) {
    }

    /**
     * A bonus item of a unit and what is left under its cap now.
     *
     * @param takes         AMOUNT (points, base plus adjustments) or COUNT (items completed, 每完成一项计N分)
     * @param pointsPerItem the points one completed item earns (COUNT), else null
     * @param cap           the highest score the item reaches
     * @param current       the item's reviewed score now (the base before any decision)
     * @param left          how many points a bonus can still add
     * @param matters       the matters already counted or applied for (单项不重复计分)
     */
    public record BonusItem(String itemCode, String title, String topLevelTitle, BigDecimal points, String rule,
                            String takes, BigDecimal pointsPerItem, BigDecimal cap, BigDecimal current, BigDecimal left,
                            List<String> assessingDepartments, String acceptedEvidence, List<String> matters) {
    }

    /** The unit's bonus items in the cycle, for its people and the office. */
    @Transactional(readOnly = true)
    public List<BonusItem> items(String cycleId, String unitCode, CurrentUser user, String method, String path) {
        boolean allowed = user.hasRole(Roles.OFFICE_ADMIN) || user.hasRole(Roles.LEADER)
                || ((user.hasRole(Roles.UNIT_REPORTER) || user.hasRole(Roles.UNIT_HEAD)) && user.actsForUnit(unitCode));
        if (!allowed) {
            deny(user, method, path, "scoring.bonus.not-your-unit", unitCode);
        }
        Cycle cycle = cycles.get(cycleId);
        CycleUnit unit = cycles.unit(cycleId, unitCode).orElseThrow(() -> new ProblemException(
                HttpStatus.BAD_REQUEST, "scoring.decision.unit-not-in-cycle", unitCode, cycleId));
        List<BonusApplication> pending = applications.list(cycleId, unitCode, null).stream()
                .filter(a -> a.state() == BonusApplication.State.SUBMITTED).toList();
        List<BonusItem> items = new ArrayList<>();
        for (UnitItem item : rubric.items(cycle.rubricVersionId(), unit.unitCode()).items()) {
            if (bonusItem(item)) {
                items.add(caps.describe(cycle, unit, item, pending));
            }
        }
        return items;
    }

    @Transactional
    public BonusApplication file(String cycleId, String unitCode, Filing filing, CurrentUser user, String method,
                                 String path) {
        // Before anything is looked up: only the unit's own reporter files for it.
        if (!user.hasRole(Roles.UNIT_REPORTER) || !user.actsForUnit(unitCode)) {
            deny(user, method, path, "scoring.bonus.not-your-unit", unitCode);
        }
        Faults limits = new Faults(messages);
        limits.add("itemCode", blank(filing.itemCode()) ? java.util.Optional.empty()
                : InputLimits.code(filing.itemCode()));
        limits.add("matter", InputLimits.text(filing.matter(), InputLimits.NAME_MAX));
        limits.add("reason", InputLimits.text(filing.reason(), InputLimits.PARAGRAPH_MAX));
        limits.add("evidenceIds", InputLimits.list(filing.evidenceIds(), 20));
        limits.throwIfAny("scoring.bonus.invalid");
        Cycle cycle = cycles.get(cycleId);
        CycleUnit unit = cycles.lockUnit(cycleId, unitCode).orElseThrow(() -> new ProblemException(
                HttpStatus.BAD_REQUEST, "scoring.decision.unit-not-in-cycle", unitCode, cycleId));
        if (blank(filing.itemCode())) {
            new Faults(messages).add("itemCode", "scoring.decision.required", "itemCode")
                    .throwIfAny("scoring.bonus.invalid");
        }
        UnitItem item = rubric.items(cycle.rubricVersionId(), unit.unitCode()).item(filing.itemCode().strip());
        if (item == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "scoring.decision.item-not-applicable",
                    filing.itemCode().strip(), unit.unitCode());
        }
        if (!bonusItem(item)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "scoring.bonus.not-a-bonus-item", item.itemCode(),
                    item.rule().wording());
        }
        if (unit.frozen()) {
            throw ProblemException.conflict("scoring.decision.frozen", unit.unitCode(), cycleId);
        }

        Faults faults = new Faults(messages);
        if (blank(filing.matter())) {
            faults.add("matter", "scoring.bonus.matter-required");
        }
        if (blank(filing.reason())) {
            faults.add("reason", "scoring.decision.reason-required");
        }
        BigDecimal amount = null;
        BigDecimal count = null;
        BigDecimal points = null;
        if (item.rule() instanceof PerCompletedItem rule) {
            count = number(faults, "count", filing.count(), true);
            if (present(filing.amount())) {
                faults.add("amount", "scoring.bonus.takes-count", rule.wording());
            }
            if (count != null) {
                points = count.multiply(rule.pointsPerItem());
            }
        } else {
            amount = number(faults, "amount", filing.amount(), false);
            if (present(filing.count())) {
                faults.add("count", "scoring.bonus.takes-amount", item.rule().wording());
            }
            points = amount;
        }
        List<String> evidence = filing.evidenceIds() == null ? List.of()
                : filing.evidenceIds().stream().filter(id -> !blank(id)).map(String::strip).distinct().toList();
        if (evidence.isEmpty()) {
            faults.add("evidenceIds", "scoring.bonus.evidence-required",
                    item.acceptedEvidence() == null ? "" : item.acceptedEvidence());
        }
        Map<String, EvidenceOwners.Owner> owners = evidenceOwners.of(evidence);
        for (int i = 0; i < evidence.size(); i++) {
            EvidenceOwners.Owner owner = owners.get(evidence.get(i));
            if (owner == null || !owner.unitCode().equals(unit.unitCode())
                    || !owner.cycleId().equals(cycle.cycleId())) {
                faults.add("evidenceIds[" + i + "]", "scoring.bonus.evidence-not-the-units", evidence.get(i),
                        unit.unitCode(), cycle.cycleId());
            }
        }
        faults.throwIfAny("scoring.bonus.invalid");

        UUID id = UUID.randomUUID();
        String matter = filing.matter().strip();
        caps.check(cycle, unit, item, matter, points, id);
        BonusApplication application = new BonusApplication(id, cycleId, unit.unitCode(), item.itemCode(),
                item.title(), item.assessingDepartments(), matter, amount, count, points, filing.reason().strip(),
                evidence, BonusApplication.State.SUBMITTED, user.username(), Instant.now(), null, null, null, null,
                null);
        applications.insert(application);
        events.publish(BonusApplicationFiled.TYPE, subject(application), cycleId, unit.unitCode(),
                new BonusApplicationFiled(id.toString(), cycleId, unit.unitCode(), item.itemCode(), item.title(), matter,
                        amount, count, points, application.reason(), item.assessingDepartments(), evidence,
                        user.username(), application.filedAt()));
        return audited("file", null, applications.find(id).orElseThrow());
    }

    /**
     * Accepts the application: records the BONUS decision it becomes and re-scores the item; the same matter or
     * the item's cap is checked again against what was accepted since. Accepting it again changes nothing.
     */
    @Transactional
    public BonusApplication accept(String cycleId, UUID id, CurrentUser user, String method, String path) {
        String department = answerer(user, method, path);
        Answering answering = answering(cycleId, id, department, user, method, path);
        BonusApplication before = answering.application();
        if (before.state() == BonusApplication.State.ACCEPTED) {
            return before;
        }
        transition(before, BonusApplication.State.ACCEPTED);
        UnitItem item = answering.item();
        caps.check(answering.cycle(), answering.unit(), item, before.matter(), before.points(), before.id());
        List<String> refs = new ArrayList<>();
        refs.add(SOURCE + ":" + before.id());
        refs.addAll(before.evidenceIds());
        DecisionRequest request = new DecisionRequest(before.unitCode(), before.itemCode(), DecisionKind.BONUS.name(),
                before.amount() == null ? null : DecimalNode.valueOf(before.amount()),
                before.quantity() == null ? null : DecimalNode.valueOf(before.quantity()), null, null, null,
                before.matter(), before.reason(), SOURCE, null, refs, null);
        UUID decisionId = decisionId(before.id());
        decisionService.recordRow(cycleId, request, decisionId, user, method, path);
        applications.answer(before.id(), BonusApplication.State.ACCEPTED, user.username(), department, null,
                decisionId);
        BonusApplication after = applications.find(before.id()).orElseThrow();
        publishAnswer(after);
        return audited("accept", before, after);
    }

    /** Refuses the application with the department's reason. Refusing it again changes nothing. */
    @Transactional
    public BonusApplication refuse(String cycleId, UUID id, String reason, CurrentUser user, String method,
                                   String path) {
        String department = answerer(user, method, path);
        Faults faults = new Faults(messages);
        faults.add("reason", InputLimits.text(reason, InputLimits.PARAGRAPH_MAX));
        if (blank(reason)) {
            faults.add("reason", "scoring.bonus.refusal-reason-required");
        }
        faults.throwIfAny("scoring.bonus.invalid");
        BonusApplication before = answering(cycleId, id, department, user, method, path).application();
        if (before.state() == BonusApplication.State.REFUSED) {
            return before;
        }
        transition(before, BonusApplication.State.REFUSED);
        applications.answer(before.id(), BonusApplication.State.REFUSED, user.username(), department, reason.strip(),
                null);
        BonusApplication after = applications.find(before.id()).orElseThrow();
        publishAnswer(after);
        return audited("refuse", before, after);
    }

    /** The unit withdraws its application before it is answered. Withdrawing it again changes nothing. */
    @Transactional
    public BonusApplication withdraw(String cycleId, UUID id, CurrentUser user, String method, String path) {
        if (!user.hasRole(Roles.UNIT_REPORTER) || user.unit() == null) {
            deny(user, method, path, "scoring.bonus.not-your-unit", "");
        }
        BonusApplication found = applications.find(id).filter(a -> a.cycleId().equals(cycleId))
                .orElseThrow(() -> ProblemException.notFound("scoring.bonus.not-found", id));
        if (!user.actsForUnit(found.unitCode())) {
            deny(user, method, path, "scoring.bonus.not-your-unit", found.unitCode());
        }
        cycles.lockUnit(cycleId, found.unitCode());
        BonusApplication before = applications.find(id).orElseThrow();
        if (before.state() == BonusApplication.State.WITHDRAWN) {
            return before;
        }
        transition(before, BonusApplication.State.WITHDRAWN);
        applications.answer(id, BonusApplication.State.WITHDRAWN, user.username(), null, null, null);
        return audited("withdraw", before, applications.find(id).orElseThrow());
    }

    /** A unit's people see its own; a department those on items it assesses; the office and leaders all. */
    @Transactional(readOnly = true)
    public List<BonusApplication> list(String cycleId, CurrentUser user, String method, String path) {
        cycles.get(cycleId);
        if (user.hasRole(Roles.OFFICE_ADMIN) || user.hasRole(Roles.LEADER)) {
            return applications.list(cycleId, null, null);
        }
        if (user.hasRole(Roles.DEPT_REVIEWER) && user.department() != null) {
            return applications.list(cycleId, null, user.department());
        }
        if ((user.hasRole(Roles.UNIT_REPORTER) || user.hasRole(Roles.UNIT_HEAD)) && user.unit() != null) {
            return applications.list(cycleId, user.unit(), null);
        }
        deny(user, method, path, "scoring.bonus.list-role");
        return List.of();
    }

    /** The id of the decision an accepted application becomes: the same however often it is accepted. */
    static UUID decisionId(UUID applicationId) {
        return UUID.nameUUIDFromBytes(("bonus-application:" + applicationId).getBytes(StandardCharsets.UTF_8));
    }

    private record Answering(BonusApplication application, Cycle cycle, CycleUnit unit, UnitItem item) {
    }

    private String answerer(CurrentUser user, String method, String path) {
        if (!user.hasRole(Roles.DEPT_REVIEWER) || user.department() == null) {
            deny(user, method, path, "scoring.bonus.answer-role");
        }
        return user.department();
    }

    /** The application, its unit locked, answered only by a department assessing its item. */
    private Answering answering(String cycleId, UUID id, String department, CurrentUser user, String method,
                                String path) {
        BonusApplication found = applications.find(id).filter(a -> a.cycleId().equals(cycleId))
                .orElseThrow(() -> ProblemException.notFound("scoring.bonus.not-found", id));
        if (!found.assessingDepartments().contains(department)) {
            deny(user, method, path, "scoring.decision.not-owner", department, found.itemCode(),
                    String.join("、", found.assessingDepartments()));
        }
        Cycle cycle = cycles.get(cycleId);
        CycleUnit unit = cycles.lockUnit(cycleId, found.unitCode()).orElseThrow();
        BonusApplication application = applications.find(id).orElseThrow();
        UnitItem item = rubric.items(cycle.rubricVersionId(), unit.unitCode()).item(application.itemCode());
        if (item == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "scoring.decision.item-not-applicable",
                    application.itemCode(), unit.unitCode());
        }
        if (unit.frozen() && application.state() == BonusApplication.State.SUBMITTED) {
            throw ProblemException.conflict("scoring.decision.frozen", unit.unitCode(), cycleId);
        }
        return new Answering(application, cycle, unit, item);
    }

    private static void transition(BonusApplication application, BonusApplication.State next) {
        if (!application.state().canBecome(next)) {
            throw ProblemException.conflict("scoring.bonus.transition", application.id(),
                    application.state().name(), next.name()).with("state", application.state().name());
        }
    }

    /** Items a unit may apply for bonus points on: base plus adjustments (加分项), or points per completed item. */
    static boolean bonusItem(UnitItem item) {
        return item.rule() instanceof BasePlusAdjustments || item.rule() instanceof PerCompletedItem;
    }

    private void publishAnswer(BonusApplication a) {
        boolean accepted = a.state() == BonusApplication.State.ACCEPTED;
        events.publish(BonusApplicationAnswered.TYPE, subject(a), a.cycleId(), a.unitCode(),
                new BonusApplicationAnswered(a.id().toString(), a.cycleId(), a.unitCode(), a.itemCode(), a.itemTitle(),
                        a.matter(), accepted ? BonusApplicationAnswered.ACCEPTED : BonusApplicationAnswered.REFUSED,
                        accepted ? a.points() : null, a.answerReason(),
                        a.decisionId() == null ? null : a.decisionId().toString(), a.answeredBy(),
                        a.answeredDepartment(), a.answeredAt()));
    }

    private static String subject(BonusApplication a) {
        return "cycles/" + a.cycleId() + "/units/" + a.unitCode() + "/bonus-applications/" + a.id();
    }

    private static BonusApplication audited(String verb, BonusApplication before, BonusApplication after) {
        AuditTrail.object(verb, "bonus-application", after.id().toString());
        AuditTrail.concerns(after.cycleId(), after.unitCode());
        AuditTrail.change(before, after);
        return after;
    }

    private void deny(CurrentUser user, String method, String path, String code, Object... args) {
        audit.deniedObject(user, method, path, 403, code + " " + String.join(" ",
                java.util.Arrays.stream(args).map(String::valueOf).toList()));
        throw ProblemException.forbidden(code, args);
    }


    /** A positive number of at most two places (a whole number for a count), up to 1000; a fault if anything else. */
    private static BigDecimal number(Faults faults, String location, JsonNode node, boolean whole) {
        if (!present(node)) {
            faults.add(location, "scoring.decision.required", location);
            return null;
        }
        BigDecimal value = JsonNumbers.decimal(faults, location, node);
        if (value == null) {
            return null;
        }
        if (value.signum() == 0 || value.compareTo(new BigDecimal("1000")) > 0) {
            faults.add(location, "scoring.bonus.positive", value.toPlainString());
            return null;
        }
        if (value.stripTrailingZeros().scale() > (whole ? 0 : 2)) {
            faults.add(location, whole ? "scoring.bonus.whole" : "scoring.decision.too-many-decimals",
                    value.toPlainString());
            return null;
        }
        return value;
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
