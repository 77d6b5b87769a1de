package io.kaohe.scoring.scores;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaohe.contracts.rubric.MeasureSpec;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.scoring.workbooks.UploadedWorkbook;
import io.kaohe.support.audit.AuditTrail;
import io.kaohe.support.problems.ProblemError;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.rubric.RubricReplica;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A department's decisions from a workbook ({@link DecisionWorkbookReader}): every row goes through
 * {@link DecisionService}'s own checks, in one transaction, each row under a savepoint so that a faulty
 * row is undone alone and every fault of the workbook is found. The preview then rolls everything back and
 * answers the points each row would give; the commit keeps it only when no row has a fault (all or
 * nothing), with the same ScoresComputed events through the outbox as decisions entered one by one.
 * Each row's decision id is derived from the cycle, the decider, the row's place and its content, so the
 * same workbook posted again records nothing twice.
 */
@Service
public class DecisionWorkbooks {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** Codes of refusals without a field, and the field (column) they are about. */
    private static final Map<String, String> REFUSAL_FIELDS = Map.of(
            "scoring.decision.unit-not-in-cycle", "unitCode", "scoring.decision.frozen", "unitCode",
            "scoring.decision.not-assigned", "unitCode", "scoring.decision.item-not-applicable", "itemCode",
            "scoring.decision.not-owner", "itemCode", "scoring.decision.supersedes-required", "itemCode",
            "scoring.decision.not-current", "itemCode");

    private final Cycles cycles;
    private final RubricReplica rubric;
    private final DecisionService decisions;
    private final ScoreStore store;
    private final MessageSource messages;
    private final TransactionTemplate whole;
    private final TransactionTemplate perRow;

    DecisionWorkbooks(Cycles cycles, RubricReplica rubric, DecisionService decisions, ScoreStore store,
                      MessageSource messages, PlatformTransactionManager transactions) {
        this.cycles = cycles;
        this.rubric = rubric;
        this.decisions = decisions;
        this.store = store;
        this.messages = messages;
        this.whole = new TransactionTemplate(transactions);
        this.perRow = new TransactionTemplate(transactions);
        this.perRow.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** A fault at its cell (column null: the whole row), in the caller's language and in words. */
    public record RowFault(String location, String sheet, int row, Integer column, String columnName, String message) {
    }

    /**
     * What one row gives: {@code status} NEW (would be / was recorded), ALREADY_RECORDED (this row of this
     * workbook was committed before: nothing more), or FAULT; {@code points} is the item's score after minus
     * before (null while the item is not scored yet).
     */
    public record RowResult(String sheet, int row, String unitCode, String unitName, String itemCode, String itemTitle,
                            String kind, String status, BigDecimal points, BigDecimal before, BigDecimal after,
                            String decisionId, List<RowFault> faults) {
    }

    /** The whole workbook: its digest, counts and every row. */
    public record Outcome(String cycleId, String digest, boolean committed, int rows, int recorded,
                          int alreadyRecorded, int faulty, List<RowResult> results) {
    }

    // ------------------------------------------------------------------ template

    /**
     * The template for the caller: a department reviewer gets its own units and items, the office names the
     * department, an inspector gets its assigned units with all their items.
     */
    public void template(String cycleId, CurrentUser user, String department, OutputStream out) throws IOException {
        Cycle cycle = cycles.get(cycleId);
        String dept;
        Set<String> onlyUnits = null;
        if (user.hasRole(Roles.DEPT_REVIEWER) && user.department() != null) {
            dept = user.department();
        } else if (user.hasRole(Roles.OFFICE_ADMIN)) {
            if (department == null || department.isBlank()) {
                throw ProblemException.badRequest("scoring.workbook.department-required");
            }
            dept = department.strip();
        } else if (user.hasRole(Roles.INSPECTOR)) {
            dept = null;
            onlyUnits = user.inspectionUnits();
        } else {
            throw ProblemException.forbidden("scoring.decision.role");
        }
        List<DecisionTemplate.UnitItems> units = new ArrayList<>();
        for (CycleUnit unit : cycles.units(cycleId)) {
            if (unit.frozen() || (onlyUnits != null && !onlyUnits.contains(unit.unitCode()))) {
                continue;
            }
            List<UnitItem> items = rubric.items(cycle.rubricVersionId(), unit.unitCode()).items().stream()
                    .filter(item -> dept == null || item.assessingDepartments().contains(dept)).toList();
            if (!items.isEmpty()) {
                units.add(new DecisionTemplate.UnitItems(unit.unitCode(), unit.unitName(), items));
            }
        }
        DecisionTemplate.write(cycle.title(), units, out);
    }

    // ------------------------------------------------------------------ preview and commit

    /** Every row checked and scored as if committed, then all rolled back: nothing is written or published. */
    public Outcome preview(String cycleId, byte[] file, CurrentUser user, String method, String path) {
        DecisionWorkbookReader.Read read = read(file);
        String digest = UploadedWorkbook.digest(file);
        Outcome outcome = whole.execute(status -> {
            Outcome o = run(cycleId, read, digest, user, method, path, false);
            status.setRollbackOnly();
            return o;
        });
        AuditTrail.object("preview", "decision-workbook", digest);
        AuditTrail.concerns(cycleId, null);
        AuditTrail.change(null, null);
        return outcome;
    }

    /**
     * Records every row in one transaction, or nothing: 400 with every fault located when any row has one.
     * Rows of this workbook recorded before are counted as already recorded, not recorded again.
     */
    public Outcome commit(String cycleId, byte[] file, CurrentUser user, String method, String path) {
        DecisionWorkbookReader.Read read = read(file);
        String digest = UploadedWorkbook.digest(file);
        return whole.execute(status -> {
            Outcome o = run(cycleId, read, digest, user, method, path, true);
            if (o.faulty() > 0 || !read.faults().isEmpty()) {
                List<ProblemError> errors = new ArrayList<>();
                o.results().forEach(r -> r.faults().forEach(f -> errors.add(new ProblemError(f.location(), f.message()))));
                throw new ProblemException(HttpStatus.BAD_REQUEST, "scoring.workbook.invalid", errors, errors.size())
                        .with("rows", o.results().stream().filter(r -> r.status().equals("FAULT")).toList());
            }
            AuditTrail.object("import-decisions", "decision-workbook", digest);
            AuditTrail.concerns(cycleId, null);
            AuditTrail.change(null, Map.of("digest", digest, "rows", o.rows(), "recorded", o.recorded(),
                    "alreadyRecorded", o.alreadyRecorded(),
                    "decisions", o.results().stream().map(RowResult::decisionId).toList()));
            return o;
        });
    }

    private Outcome run(String cycleId, DecisionWorkbookReader.Read read, String digest, CurrentUser user,
                        String method, String path, boolean commit) {
        Cycle cycle = cycles.get(cycleId);
        Map<String, CycleUnit> unitsByName = new LinkedHashMap<>();
        cycles.units(cycleId).forEach(u -> unitsByName.putIfAbsent(u.unitName(), u));
        List<RowResult> results = new ArrayList<>();
        // Faults of the workbook's shape (a missing column, a sheet missing) come first, at their place.
        List<RowFault> shape = new ArrayList<>();
        for (DecisionWorkbookReader.CellFault f : read.faults()) {
            shape.add(fault(f.sheet(), f.row(), f.column(), null, text(f.key(), f.args().toArray())));
        }
        if (!shape.isEmpty()) {
            results.add(new RowResult(shape.get(0).sheet(), shape.get(0).row(), null, null, null, null, null, "FAULT",
                    null, null, null, null, shape));
        }
        if (read.rows().isEmpty() && shape.isEmpty()) {
            RowFault empty = fault(DecisionWorkbook.DECISIONS, 2, null, null, text("scoring.workbook.empty"));
            results.add(new RowResult(empty.sheet(), empty.row(), null, null, null, null, null, "FAULT", null, null,
                    null, null, List.of(empty)));
        }
        String decider = user.department() != null && user.hasRole(Roles.DEPT_REVIEWER)
                ? "department:" + user.department() : "user:" + user.username();
        if (read.faults().stream().noneMatch(f -> f.key().equals("scoring.workbook.too-many-rows"))) {
            for (DecisionWorkbookReader.WorkbookRow row : read.rows()) {
                results.add(row(cycle, unitsByName, resolve(cycle, unitsByName, row), decider, user, method, path));
            }
        }
        int recorded = (int) results.stream().filter(r -> r.status().equals("NEW")).count();
        int already = (int) results.stream().filter(r -> r.status().equals("ALREADY_RECORDED")).count();
        int faulty = (int) results.stream().filter(r -> r.status().equals("FAULT")).count();
        return new Outcome(cycleId, digest, commit && faulty == 0, read.rows().size(), recorded, already, faulty,
                results);
    }

    /** One row under its own savepoint: recorded (for now), already recorded, or undone with its faults. */
    private RowResult row(Cycle cycle, Map<String, CycleUnit> unitsByName,
                          DecisionWorkbookReader.WorkbookRow row, String decider, CurrentUser user, String method,
                          String path) {
        DecisionRequest request = row.request();
        UUID id = UUID.nameUUIDFromBytes(String.join("\n", "decision-workbook", cycle.cycleId(), decider, row.sheet(),
                String.valueOf(row.number()), request.toString()).getBytes(StandardCharsets.UTF_8));
        String unitCode = request.unitCode() == null ? null : request.unitCode().strip();
        String itemCode = request.itemCode() == null ? null : request.itemCode().strip();
        String unitName = row.unitName();
        String itemTitle = null;
        UnitItem item = item(cycle, unitCode, itemCode);
        if (item != null) {
            itemTitle = item.title();
        }
        BigDecimal before = before(cycle, unitCode, itemCode);
        try {
            Optional<DecisionService.Recorded> recorded = perRow.execute(
                    status -> decisions.recordRow(cycle.cycleId(), request, id, user, method, path));
            if (recorded == null || recorded.isEmpty()) {
                return new RowResult(row.sheet(), row.number(), unitCode, unitName, itemCode, itemTitle, request.kind(),
                        "ALREADY_RECORDED", null, before, before, id.toString(), List.of());
            }
            BigDecimal after = recorded.get().score().reviewedScore();
            BigDecimal points = before == null || after == null ? after : after.subtract(before);
            return new RowResult(row.sheet(), row.number(), unitCode, unitName, itemCode, itemTitle,
                    recorded.get().decision().kind().name(), "NEW", points, before, after,
                    recorded.get().decision().id().toString(), List.of());
        } catch (ProblemException e) {
            return faulty(row, unitCode, unitName, itemCode, itemTitle, request.kind(), e);
        } catch (DuplicateKeyException e) {
            return faulty(row, unitCode, unitName, itemCode, itemTitle, request.kind(),
                    decisions.lostRace(cycle.cycleId(), request));
        }
    }

    private RowResult faulty(DecisionWorkbookReader.WorkbookRow row, String unitCode, String unitName,
                             String itemCode, String itemTitle, String kind, ProblemException e) {
        List<RowFault> faults = new ArrayList<>();
        if (e.errors().isEmpty()) {
            String field = REFUSAL_FIELDS.get(e.code());
            faults.add(fault(row, field, messages.getMessage(e.code(), e.args(), e.code(), LocaleContextHolder.getLocale())));
        } else {
            for (ProblemError error : e.errors()) {
                faults.add(fault(row, error.location(), error.message()));
            }
            if (e.more() > 0) {
                faults.add(fault(row, null, text("input.more-faults", e.more())));
            }
        }
        return new RowResult(row.sheet(), row.number(), unitCode, unitName, itemCode, itemTitle, kind, "FAULT", null,
                null, null, null, faults);
    }

    private RowFault fault(DecisionWorkbookReader.WorkbookRow row, String field, String message) {
        Integer column = row.column(field);
        String header = null;
        if (column != null) {
            Map<String, String> layout = row.measured() ? DecisionWorkbook.MEASURED_COLUMNS
                    : DecisionWorkbook.DECISION_COLUMNS;
            for (Map.Entry<String, Integer> c : row.columns().entrySet()) {
                if (c.getValue().equals(column) && layout.containsKey(c.getKey())) {
                    header = layout.get(c.getKey());
                    break;
                }
            }
        }
        return fault(row.sheet(), row.number(), column, header, message);
    }

    private RowFault fault(String sheet, int row, Integer column, String header, String message) {
        String location = sheet + "!R" + row + (column == null ? "" : ":C" + column);
        String words = column == null ? text("scoring.workbook.at-row", sheet, row, message)
                : text("scoring.workbook.at-cell", sheet, row, column, header == null ? "" : header, message);
        return new RowFault(location, sheet, row, column, header, words);
    }

    /**
     * The row as the decision's checks should see it: a unit named but not coded takes the cycle's unit of
     * that name; measured values written under a measure's label ("实际完成数") go under its name ("actual").
     */
    private DecisionWorkbookReader.WorkbookRow resolve(Cycle cycle, Map<String, CycleUnit> unitsByName,
                                                      DecisionWorkbookReader.WorkbookRow row) {
        DecisionRequest r = row.request();
        String unitCode = r.unitCode();
        if ((unitCode == null || unitCode.isBlank()) && row.unitName() != null
                && unitsByName.containsKey(row.unitName())) {
            unitCode = unitsByName.get(row.unitName()).unitCode();
        }
        JsonNode measured = r.measured();
        Map<String, Integer> columns = new LinkedHashMap<>(row.columns());
        UnitItem item = item(cycle, unitCode, r.itemCode());
        if (measured != null && measured.isObject() && item != null) {
            ObjectNode named = NODES.objectNode();
            var fields = measured.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String name = field.getKey();
                for (MeasureSpec spec : item.rule().measures()) {
                    if (DecisionWorkbook.compact(spec.label()).equals(DecisionWorkbook.compact(name))) {
                        name = spec.name();
                    }
                }
                named.set(name, field.getValue());
                columns.put("measured." + name, row.columns().get("measured." + field.getKey()));
            }
            measured = named;
        }
        DecisionRequest request = new DecisionRequest(unitCode, r.itemCode(), r.kind(), r.amount(), r.count(),
                r.measure(), measured, r.score(), r.item(), r.reason(), r.source(), r.date(), r.evidenceRefs(),
                r.supersedes());
        return new DecisionWorkbookReader.WorkbookRow(row.sheet(), row.number(), columns, request, row.unitName(),
                row.measured());
    }

    private UnitItem item(Cycle cycle, String unitCode, String itemCode) {
        if (unitCode == null || itemCode == null || unitCode.isBlank() || itemCode.isBlank()
                || cycles.unit(cycle.cycleId(), unitCode.strip()).isEmpty()) {
            return null;
        }
        return rubric.items(cycle.rubricVersionId(), unitCode.strip()).item(itemCode.strip());
    }

    private BigDecimal before(Cycle cycle, String unitCode, String itemCode) {
        if (unitCode == null || itemCode == null || unitCode.length() > 200) {
            return null;
        }
        ItemResult current = store.rows(cycle.cycleId(), unitCode).get(itemCode);
        return current == null ? null : current.reviewedScore();
    }

    private DecisionWorkbookReader.Read read(byte[] file) {
        return UploadedWorkbook.read(file, DecisionWorkbookReader::read);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
