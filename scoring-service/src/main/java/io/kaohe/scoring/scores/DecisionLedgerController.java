package io.kaohe.scoring.scores;

import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.support.audit.Audited;
import io.kaohe.scoring.roster.RosterOrder;
import io.kaohe.scoring.roster.RosterSource;
import io.kaohe.support.exports.ListWorkbook;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.rubric.RubricReplica;
import io.kaohe.support.rubric.UnitItemSet;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.kaohe.support.security.SecurityAudit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The decisions ledger (扣分加分记录台账) of a cycle as .xlsx: every deduction, bonus, measured value, judged
 * score and withdrawal in the order recorded, corrections included and marked. The office and leaders see
 * all; an assessing department's reviewer those its department recorded; an inspector those the inspection
 * teams recorded on its units. Anyone else is refused 403 (audited).
 */
@RestController
@Tag(name = "decisions ledger", description = "扣分加分记录台账 / every decision of a cycle")
class DecisionLedgerController {

    static final List<ListWorkbook.Column> COLUMNS = List.of(
            new ListWorkbook.Column("序号", 6), new ListWorkbook.Column("被考核单位", 20),
            new ListWorkbook.Column("指标", 30), new ListWorkbook.Column("类型", 8),
            new ListWorkbook.Column("分值", 8), new ListWorkbook.Column("次数", 8),
            new ListWorkbook.Column("计量/测量值", 20), new ListWorkbook.Column("理由", 40),
            new ListWorkbook.Column("来源", 16), new ListWorkbook.Column("日期", 12),
            new ListWorkbook.Column("证据", 20), new ListWorkbook.Column("录入部门", 12),
            new ListWorkbook.Column("录入人", 14), new ListWorkbook.Column("录入时间", 18),
            new ListWorkbook.Column("更正记录", 10), new ListWorkbook.Column("是否被更正", 14));

    private final Decisions decisions;
    private final Cycles cycles;
    private final RubricReplica rubric;
    private final SecurityAudit audit;
    private final RosterSource roster;

    DecisionLedgerController(Decisions decisions, Cycles cycles, RubricReplica rubric, SecurityAudit audit,
                             RosterSource roster) {
        this.decisions = decisions;
        this.cycles = cycles;
        this.rubric = rubric;
        this.audit = audit;
        this.roster = roster;
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/decisions.xlsx")
    @Audited(action = "export", object = "cycle")
    @Operation(summary = "The cycle's decisions ledger (扣分加分记录台账) as .xlsx",
            description = "One row per decision in the order recorded: 被考核单位, 指标, 类型 (扣分/加分/测量值/评定/撤销), "
                    + "分值, 次数, 计量/测量值, 理由, 来源, 日期, 证据, 录入部门, 录入人, 录入时间, 更正记录 (the row it "
                    + "corrects), 是否被更正. The office and leaders get every decision; a department's reviewer those "
                    + "its department recorded; an inspector the inspection teams' on its units; others 403.")
    ResponseEntity<StreamingResponseBody> ledger(@PathVariable String cycleId, HttpServletRequest http) {
        CurrentUser user = CurrentUser.get();
        List<Decisions.LedgerEntry> entries;
        String suffix = "";
        String department = null;
        if (user.hasRole(Roles.OFFICE_ADMIN) || user.hasRole(Roles.LEADER) || user.hasRole(Roles.SERVICE)) {
            entries = decisions.ledger(cycleId, null);
        } else if (user.hasRole(Roles.DEPT_REVIEWER) && user.department() != null) {
            entries = decisions.ledger(cycleId, "department:" + user.department());
            department = user.department();
        } else if (user.hasRole(Roles.INSPECTOR)) {
            entries = decisions.ledger(cycleId, "inspector").stream()
                    .filter(e -> user.inspectionUnits().contains(e.decision().unitCode())).toList();
            suffix = "（督查）";
        } else {
            audit.deniedObject(user, http.getMethod(), http.getRequestURI(), 403,
                    "scoring.decisions.ledger-role: the decisions ledger is the assessors' and the office's");
            throw ProblemException.forbidden("scoring.decisions.ledger-role");
        }
        Cycle cycle = cycles.get(cycleId);
        RosterOrder names = departmentNames();
        if (department != null) {
            suffix = "（" + names.departmentName(department) + "）";
        }
        Map<String, String> unitNames = cycles.units(cycleId).stream()
                .collect(Collectors.toMap(CycleUnit::unitCode, CycleUnit::unitName, (a, b) -> a));
        Map<String, UnitItemSet> items = new HashMap<>();
        List<Object[]> rows = entries.stream().map(entry -> {
            Decision d = entry.decision();
            UnitItem item = items.computeIfAbsent(d.unitCode(), u -> rubric.items(cycle.rubricVersionId(), u))
                    .item(d.itemCode());
            return new Object[] {d.seq(), unitNames.getOrDefault(d.unitCode(), d.unitCode()),
                    item == null ? d.itemCode() : item.title(), kind(d.kind()),
                    d.amount() != null ? d.amount() : d.score(), d.quantity(), measured(d), d.reason(), d.source(),
                    d.decidedOn(), String.join("、", d.evidenceRefs()), recordedBy(d.actingAs(), names), d.decidedBy(),
                    d.recordedAt(), entry.supersedesSeq() == null ? null : "更正第" + entry.supersedesSeq() + "条",
                    entry.supersededBySeq() == null ? "否" : "是（第" + entry.supersededBySeq() + "条）"};
        }).toList();
        return ListWorkbook.download(cycle.title() + "扣分加分记录台账" + suffix + ".xlsx", "扣分加分记录台账", COLUMNS,
                book -> rows.forEach(book::row));
    }

    static String kind(DecisionKind kind) {
        return switch (kind) {
            case DEDUCTION -> "扣分";
            case BONUS -> "加分";
            case MEASUREMENT -> "测量值";
            case JUDGED -> "评定";
            case WITHDRAWAL -> "撤销";
        };
    }

    /** A count's measure, or a measurement's values as recorded ("actual=1；required=3"). */
    private static String measured(Decision d) {
        if (d.measured() != null && !d.measured().isEmpty()) {
            return d.measured().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("；"));
        }
        return d.measure();
    }

    /** The roster's department names; a name is a courtesy here, so without the roster the codes are printed. */
    private RosterOrder departmentNames() {
        try {
            return roster.roster();
        } catch (ProblemException e) {
            return RosterOrder.NONE;
        }
    }

    /** The department's name, 督查组 for the inspection teams, or the sender of a command. */
    private static String recordedBy(String actingAs, RosterOrder names) {
        if (actingAs == null) {
            return null;
        }
        if (actingAs.startsWith("department:")) {
            return names.departmentName(actingAs.substring("department:".length()));
        }
        if ("inspector".equals(actingAs)) {
            return "督查组";
        }
        return actingAs.startsWith("command:") ? actingAs.substring("command:".length()) : actingAs;
    }
}
