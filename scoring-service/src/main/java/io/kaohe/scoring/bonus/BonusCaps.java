package io.kaohe.scoring.bonus;

import io.kaohe.contracts.rubric.BasePlusAdjustments;
import io.kaohe.contracts.rubric.PerCompletedItem;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.scores.Decision;
import io.kaohe.scoring.scores.DecisionKind;
import io.kaohe.scoring.scores.Decisions;
import io.kaohe.scoring.scores.ItemResult;
import io.kaohe.scoring.scores.ItemScorer;
import io.kaohe.support.problems.ProblemException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What a bonus item still allows: its cap against the score the decisions in force give it, and "单项不重复计分"
 * (a matter counts once per item, whether decided or applied for). Checked when an application is filed and again
 * when it is accepted; shown to the unit with each bonus item.
 */
@Component
class BonusCaps {

    private final Decisions decisions;
    private final BonusApplications applications;

    BonusCaps(Decisions decisions, BonusApplications applications) {
        this.decisions = decisions;
        this.applications = applications;
    }

    /**
     * "单项不重复计分": the matter is not counted on the item yet (by a bonus decision in force, or an application
     * pending or accepted other than {@code self}); and the item's cap leaves room for the points.
     */
    void check(Cycle cycle, CycleUnit unit, UnitItem item, String matter, BigDecimal points, UUID self) {
        List<Decision> effective = decisions.effective(cycle.cycleId(), unit.unitCode(), item.itemCode());
        String key = matter.strip().toLowerCase(Locale.ROOT);
        boolean decided = effective.stream()
                .filter(d -> d.kind() == DecisionKind.BONUS && !BonusApplicationService.decisionId(self).equals(d.id()))
                .anyMatch(d -> key.equals(name(d).toLowerCase(Locale.ROOT)));
        if (decided || applications.matterTaken(cycle.cycleId(), unit.unitCode(), item.itemCode(), matter, self)) {
            throw ProblemException.conflict("scoring.bonus.matter-counted", matter, item.itemCode(), item.title())
                    .with("matter", matter);
        }
        Room room = room(item, effective);
        if (points != null && points.compareTo(room.left()) > 0) {
            throw ProblemException.conflict("scoring.bonus.cap-exceeded", item.itemCode(), plain(room.cap()),
                    item.rule().wording(), plain(room.current()), plain(room.left()), plain(points))
                    .with("cap", room.cap()).with("left", room.left());
        }
    }

    private record Room(BigDecimal cap, BigDecimal current, BigDecimal left) {
    }

    private static Room room(UnitItem item, List<Decision> effective) {
        ItemResult result = ItemScorer.score(item, effective, null);
        BigDecimal current = result.reviewedScore();
        BigDecimal cap;
        if (item.rule() instanceof BasePlusAdjustments rule) {
            cap = rule.cap();
            current = current == null ? rule.base() : current;
        } else {
            cap = item.points();
            current = current == null ? BigDecimal.ZERO : current;
        }
        return new Room(cap, current, cap.subtract(current).max(BigDecimal.ZERO));
    }

    /** The item with what is left under its cap and the matters counted on it or applied for ({@code pending}). */
    BonusApplicationService.BonusItem describe(Cycle cycle, CycleUnit unit, UnitItem item, List<BonusApplication> pending) {
        List<Decision> effective = decisions.effective(cycle.cycleId(), unit.unitCode(), item.itemCode());
        Room room = room(item, effective);
        List<String> matters = new ArrayList<>();
        effective.stream().filter(d -> d.kind() == DecisionKind.BONUS).forEach(d -> matters.add(name(d)));
        pending.stream().filter(a -> a.itemCode().equals(item.itemCode())).forEach(a -> matters.add(a.matter()));
        boolean counts = item.rule() instanceof PerCompletedItem;
        return new BonusApplicationService.BonusItem(item.itemCode(), item.title(), item.topLevelTitle(), item.points(), item.rule().wording(),
                counts ? "COUNT" : "AMOUNT", counts ? ((PerCompletedItem) item.rule()).pointsPerItem() : null,
                room.cap(), room.current(), room.left(), item.assessingDepartments(), item.acceptedEvidence(),
                matters.stream().distinct().toList());
    }

    /** The matter a bonus decision counts under: its adjustment item, else its reason (as ItemScorer names it). */
    private static String name(Decision d) {
        return d.adjustmentItem() != null && !d.adjustmentItem().isBlank() ? d.adjustmentItem().strip()
                : d.reason().strip();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
