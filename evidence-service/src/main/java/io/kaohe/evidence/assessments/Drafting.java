package io.kaohe.evidence.assessments;

import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.evidence.cycles.CycleCalendar;
import io.kaohe.support.problems.Faults;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The unit's draft: opened for a period from the rubric's items for the unit, then edited by the
 * unit's people (self-scores, measured values, statements), partially if they like, each save
 * guarded by the draft version the editor loaded. After a return only the returned items change.
 */
@Service
class Drafting {

    private static final Logger log = LoggerFactory.getLogger(Drafting.class);
    static final int MAX_STATEMENT = 2000;

    private final AssessmentStore store;
    private final AssessmentAccess access;
    private final AssessmentQueries queries;
    private final CycleCalendar calendar;
    private final MessageSource messages;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ZoneId zone;

    Drafting(AssessmentStore store, AssessmentAccess access, AssessmentQueries queries, CycleCalendar calendar,
             MessageSource messages, TransactionTemplate transaction, Clock clock,
             @Value("${kaohe.evidence.zone:Asia/Shanghai}") ZoneId zone) {
        this.store = store;
        this.access = access;
        this.queries = queries;
        this.calendar = calendar;
        this.messages = messages;
        this.transaction = transaction;
        this.clock = clock;
        this.zone = zone;
    }

    record Opened(AssessmentViews.Assessment assessment, boolean created) {
    }

    /** The unit's self-assessment for the cycle's period: the one there is, or a new draft once the period opened. */
    Opened open(String unitCode, AssessmentViews.OpenRequest request) {
        CurrentUser user = CurrentUser.get();
        access.requireUnitToOpen(user, unitCode);
        String cycleId = request.cycleId();
        String period = request.period();
        Faults faults = new Faults(messages);
        Optional<CycleCalendar.CycleUnit> unit = calendar.unit(cycleId, unitCode);
        Optional<CycleCalendar.Period> calendarPeriod = Optional.empty();
        if (unit.isEmpty()) {
            faults.add("cycleId", "evidence.cycle.unit-not-in-cycle", unitCode, cycleId);
        } else {
            calendarPeriod = calendar.period(cycleId, period);
            if (calendarPeriod.isEmpty()) {
                faults.add("period", "evidence.cycle.no-period", cycleId, period);
            }
        }
        faults.throwIfAny();
        CycleCalendar.Period p = calendarPeriod.orElseThrow();
        if (p.opens() != null && calendar.today(cycleId, clock, zone).isBefore(p.opens())) {
            throw ProblemException.conflict("evidence.period.not-open", cycleId, period, p.opens());
        }
        Optional<AssessmentStore.Row> existing = store.find(cycleId, period, unitCode);
        if (existing.isPresent()) {
            return new Opened(queries.view(existing.get(), AssessmentAccess.Reader.ofAll(user)), false);
        }
        String version = unit.get().rubricVersionId();
        store.ensureItemsKnown(version, unitCode);
        UUID id = UUID.randomUUID();
        boolean created = Boolean.TRUE.equals(transaction.execute(
                tx -> store.insert(id, cycleId, period, unitCode, version, user.username())));
        AssessmentStore.Row row = store.find(cycleId, period, unitCode).orElseThrow();
        if (created) {
            log.info("self-assessment {} opened for {} {} {} by {}", row.id(), unitCode, cycleId, period, user.username());
        }
        return new Opened(queries.view(row, AssessmentAccess.Reader.ofAll(user)), created);
    }

    /** Saves the lines given (whole), if nobody saved since the editor loaded; a prepared draft must be prepared again. */
    AssessmentViews.Assessment saveDraft(UUID id, AssessmentViews.DraftRequest request) {
        CurrentUser user = CurrentUser.get();
        AssessmentStore.Row seen = access.editable(user, id);
        Map<String, UnitItem> items = store.items(seen);
        transaction.executeWithoutResult(tx -> {
            AssessmentStore.Row row = store.lock(id);
            SubmissionStatus next = row.status().edited(row.submittedVersion() > 0);
            if (row.draftVersion() != request.draftVersion()) {
                throw ProblemException.conflict("evidence.assessment.edited", row.draftVersion(), row.updatedBy());
            }
            for (Values v : checked(request.lines(), items, store.reviewStatuses(id))) {
                store.saveLine(id, v.itemCode(), v.selfScore(), v.measured(), v.statement());
            }
            if (!store.saved(id, request.draftVersion(), next, user.username(), clock.instant())) {
                throw ProblemException.conflict("evidence.assessment.edited", row.draftVersion(), row.updatedBy());
            }
        });
        return queries.viewForUnit(id, user);
    }

    private record Values(String itemCode, BigDecimal selfScore, Map<String, Object> measured, String statement) {
    }

    /** The lines given, checked against their items and normalized; every fault located by item (400). */
    private List<Values> checked(List<AssessmentViews.DraftLine> given, Map<String, UnitItem> items,
                                 Map<String, ItemReviewStatus> reviewStatus) {
        Faults faults = new Faults(messages);
        List<Values> values = new ArrayList<>();
        ItemLines.forEach("lines", given == null ? List.of() : given, AssessmentViews.DraftLine::itemCode,
                items::containsKey, faults, (code, at, line) -> {
                    UnitItem item = items.get(code);
                    if (!reviewStatus.get(code).openToUnit()) {
                        faults.add(at, "evidence.line.locked", code);
                        return;
                    }
                    Measurements.checkScore(item, line.selfScore(), at, faults);
                    Map<String, Object> measured = Measurements.check(item, line.measured(), at, faults);
                    if (line.statement() != null && line.statement().length() > MAX_STATEMENT) {
                        faults.add(at + ".statement", "evidence.statement.too-long", MAX_STATEMENT);
                    }
                    values.add(new Values(code, twoPlaces(line.selfScore()), measured, ItemLines.blankToNull(line.statement())));
                });
        faults.throwIfAny();
        return values;
    }

    /** Points with exactly two decimals; a score with more is refused by the check before it is stored. */
    private static BigDecimal twoPlaces(BigDecimal score) {
        return score == null || score.stripTrailingZeros().scale() > 2 ? score : score.setScale(2, RoundingMode.UNNECESSARY);
    }
}
