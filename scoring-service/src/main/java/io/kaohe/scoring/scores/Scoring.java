package io.kaohe.scoring.scores;

import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.support.rubric.RubricReplica;
import io.kaohe.support.events.EventPublisher;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes item scores and publishes the units' totals. Incremental paths (one item after a
 * decision, one unit after a self-assessment) and the full recompute all score items with
 * {@link ItemScorer} from the same inputs, so they agree row for row.
 */
@Service
public class Scoring {

    private static final Logger log = LoggerFactory.getLogger(Scoring.class);

    private final Cycles cycles;
    private final RubricReplica rubric;
    private final Decisions decisions;
    private final SelfAssessments selfAssessments;
    private final ScoreStore store;
    private final EventPublisher events;

    Scoring(Cycles cycles, RubricReplica rubric, Decisions decisions, SelfAssessments selfAssessments,
            ScoreStore store, EventPublisher events) {
        this.cycles = cycles;
        this.rubric = rubric;
        this.decisions = decisions;
        this.selfAssessments = selfAssessments;
        this.store = store;
        this.events = events;
    }

    /**
     * Re-scores one item (its unit locked by the caller), stores it and publishes the unit's totals.
     * A unit never scored yet (its cycle could not be scored when it opened) is scored whole.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ItemResult rescoreItem(Cycle cycle, CycleUnit unit, UnitItem item) {
        List<String> only = List.of(unit.unitCode());
        Map<String, SelfItem> self = selfAssessments.latest(cycle.cycleId(), only).getOrDefault(unit.unitCode(), Map.of());
        ItemResult result;
        if (store.hasRows(cycle.cycleId(), unit.unitCode())) {
            result = ItemScorer.score(item, decisions.effective(cycle.cycleId(), unit.unitCode(), item.itemCode()),
                    self.get(item.itemCode()));
            store.upsert(cycle.cycleId(), unit.unitCode(), List.of(result));
        } else {
            List<ItemResult> all = scoreUnit(cycle, unit,
                    decisions.effective(cycle.cycleId(), only).getOrDefault(unit.unitCode(), Map.of()), self, Map.of());
            store.upsert(cycle.cycleId(), unit.unitCode(), all);
            result = all.stream().filter(r -> r.itemCode().equals(item.itemCode())).findFirst().orElseThrow();
        }
        publishTotals(cycle, List.of(unit), ScoresComputed.Trigger.DECISION);
        return result;
    }

    /** Re-scores every item of one unit (e.g. after its self-assessment) with a multi-row upsert. */
    @Transactional
    public void rescoreUnit(String cycleId, String unitCode, ScoresComputed.Trigger trigger) {
        Cycle cycle = cycles.get(cycleId);
        CycleUnit unit = cycles.lockUnit(cycleId, unitCode).orElse(null);
        if (unit == null) {
            return;
        }
        List<String> only = List.of(unitCode);
        List<ItemResult> results = scoreUnit(cycle, unit,
                decisions.effective(cycleId, only).getOrDefault(unitCode, Map.of()),
                selfAssessments.latest(cycleId, only).getOrDefault(unitCode, Map.of()), Map.of());
        store.upsert(cycleId, unitCode, results);
        publishTotals(cycle, List.of(unit), trigger);
    }

    /** What a full recompute did. */
    public record Recomputed(String cycleId, int units, int items, long millis) {
    }

    /**
     * Recomputes the cycle's units (all when {@code unitCodes} is empty) from scratch in one
     * transaction: every input read set-based, every item scored in memory, every row written by
     * one COPY, the final layer carried over; then one ScoresComputed per unit.
     */
    @Transactional
    public Recomputed recompute(String cycleId, List<String> unitCodes, ScoresComputed.Trigger trigger) {
        long started = System.nanoTime();
        Cycle cycle = cycles.get(cycleId);
        List<String> only = unitCodes == null ? List.of() : List.copyOf(unitCodes);
        List<CycleUnit> units = cycles.lockUnits(cycleId, only);
        if (!only.isEmpty() && units.isEmpty()) {
            // None of the named units is in the cycle: nothing to do (and never "all units").
            return new Recomputed(cycleId, 0, 0, 0);
        }
        Map<String, Map<String, List<Decision>>> allDecisions = decisions.effective(cycleId, only);
        Map<String, Map<String, SelfItem>> allSelf = selfAssessments.latest(cycleId, only);
        Map<String, Map<String, BigDecimal>> finals = store.finals(cycleId);
        // Items first, on this thread (a cache miss may read or write the database); then every unit
        // scored in parallel: ItemScorer is pure, so the order of work cannot change a result.
        Map<String, List<UnitItem>> itemsByUnit = new HashMap<>();
        units.forEach(unit -> itemsByUnit.put(unit.unitCode(),
                rubric.items(cycle.rubricVersionId(), unit.unitCode()).items()));
        List<List<ItemResult>> scored = units.parallelStream()
                .map(unit -> scoreItems(itemsByUnit.get(unit.unitCode()),
                        allDecisions.getOrDefault(unit.unitCode(), Map.of()),
                        allSelf.getOrDefault(unit.unitCode(), Map.of()),
                        finals.getOrDefault(unit.unitCode(), Map.of())))
                .toList();
        Map<String, List<ItemResult>> results = new LinkedHashMap<>();
        int count = 0;
        for (int i = 0; i < units.size(); i++) {
            results.put(units.get(i).unitCode(), scored.get(i));
            count += scored.get(i).size();
        }
        // Delete, then one COPY (two calls rather than replace(…), so a profile can tell them apart).
        store.delete(cycleId, only.isEmpty() ? List.of() : units.stream().map(CycleUnit::unitCode).toList());
        store.copy(cycleId, results);
        // Totals from the rows just written (what a group by over them would read back, scale included).
        publishTotals(cycle, units, trigger, ScoreStore.totalsOf(results,
                unit -> rubric.items(cycle.rubricVersionId(), unit).unitItems()));
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("recomputed cycle {}: {} units, {} item scores in {} ms ({})", cycleId, units.size(), count, millis,
                trigger);
        return new Recomputed(cycleId, units.size(), count, millis);
    }

    /** Scores every applicable item of a unit in memory. */
    public List<ItemResult> scoreUnit(Cycle cycle, CycleUnit unit, Map<String, List<Decision>> decisionsByItem,
                                      Map<String, SelfItem> self, Map<String, BigDecimal> finals) {
        return scoreItems(rubric.items(cycle.rubricVersionId(), unit.unitCode()).items(), decisionsByItem,
                self, finals);
    }

    /** Scores the given items of one unit; pure. */
    public static List<ItemResult> scoreItems(List<UnitItem> unitItems, Map<String, List<Decision>> decisionsByItem,
                                              Map<String, SelfItem> self, Map<String, BigDecimal> finals) {
        List<ItemResult> results = new ArrayList<>(unitItems.size());
        for (UnitItem item : unitItems) {
            ItemResult result = ItemScorer.score(item, decisionsByItem.getOrDefault(item.itemCode(), List.of()),
                    self.get(item.itemCode()));
            BigDecimal fin = finals.get(item.itemCode());
            results.add(fin == null ? result : result.withFinal(fin));
        }
        return results;
    }

    public Map<String, UnitTotals> totals(Cycle cycle, Collection<String> unitCodes) {
        return store.totals(cycle.cycleId(), unitCodes,
                unit -> rubric.items(cycle.rubricVersionId(), unit).unitItems());
    }

    /** One ScoresComputed per unit, in the transaction that changed the scores. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publishTotals(Cycle cycle, List<CycleUnit> units, ScoresComputed.Trigger trigger) {
        publishTotals(cycle, units, trigger, totals(cycle, units.stream().map(CycleUnit::unitCode).toList()));
    }

    private void publishTotals(Cycle cycle, List<CycleUnit> units, ScoresComputed.Trigger trigger,
                               Map<String, UnitTotals> totals) {
        Instant now = Instant.now();
        for (CycleUnit unit : units) {
            UnitTotals t = totals.get(unit.unitCode());
            if (t == null) {
                continue;
            }
            List<ScoresComputed.TopLevel> tops = t.topLevels().stream()
                    .map(top -> new ScoresComputed.TopLevel(top.code(), top.title(), top.maximum(), top.selfTotal(),
                            top.reviewedTotal()))
                    .toList();
            events.publish(ScoresComputed.TYPE, "cycles/" + cycle.cycleId() + "/units/" + unit.unitCode() + "/scores",
                    cycle.cycleId(), unit.unitCode(),
                    new ScoresComputed(cycle.cycleId(), unit.unitCode(), unit.category(), trigger, t.maximum(),
                            t.selfTotal(), t.reviewedTotal(), t.finalTotal(), t.itemCount(), t.reviewedItems(), tops,
                            now));
        }
    }
}
