package io.kaohe.scoring;

import io.kaohe.contracts.rubric.AllOrNothing;
import io.kaohe.contracts.rubric.BasePlusAdjustments;
import io.kaohe.contracts.rubric.Converted;
import io.kaohe.contracts.rubric.DeductionPerIncident;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.PerCompletedItem;
import io.kaohe.contracts.rubric.QuantifiedRate;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.Shortfall;
import io.kaohe.contracts.rubric.ShortfallTerm;
import io.kaohe.contracts.rubric.Threshold;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.contracts.rubric.Veto;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.results.Results;
import io.kaohe.scoring.results.ResultsTable;
import io.kaohe.scoring.roster.RosterOrder;
import io.kaohe.scoring.results.Xlsx;
import io.kaohe.scoring.scores.Decision;
import io.kaohe.scoring.scores.DecisionKind;
import io.kaohe.scoring.scores.ItemResult;
import io.kaohe.scoring.scores.ItemScorer;
import io.kaohe.scoring.scores.ScoreStore;
import io.kaohe.scoring.scores.Scoring;
import io.kaohe.scoring.scores.SelfItem;
import io.kaohe.scoring.scores.UnitTotals;
import io.kaohe.testsupport.TestServers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Not a test: figures for docs/benchmarks/scoring-service.md. A full recompute of a generated
 * cycle (default 3,000 units × 150 items) with a realistic mix of rules and decisions:
 * (a) rule evaluation throughput in memory, (b) persisting every item score with the service's
 * own COPY write, against a binary COPY of the same rows measured in the same run, and
 * (c) the results table (.xlsx) for all units. Run:
 *
 * <pre>./mvnw -o -q -pl scoring-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.kaohe.scoring.ScoringBenchmark [-Dbench.units=3000 -Dbench.items=150]</pre>
 */
public final class ScoringBenchmark {

    private static final int UNITS = Integer.getInteger("bench.units", 3000);
    private static final int ITEMS = Integer.getInteger("bench.items", 150);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    /** Which cases to run, e.g. "d" for the full recompute alone. */
    private static final String CASES = System.getProperty("bench.cases", "abcd");
    private static final String CYCLE = "bench";
    private static final String[] SOURCES = {"省委巡视通报", "县委巡察通报", "网信办通报", "督查通报", "实地检查"};
    private static final String[] CATEGORIES = {"乡镇/街道", "县级部门", "中省属单位", "市直单位"};

    private ScoringBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Random random = new Random(2015);
        List<UnitItem> template = template();
        UnitItems unitItems = new UnitItems("v", "u", "u", "c", template.stream().map(UnitItem::points)
                .reduce(BigDecimal.ZERO, BigDecimal::add), template);
        List<CycleUnit> units = new ArrayList<>();
        Map<String, Map<String, List<Decision>>> decisions = new HashMap<>();
        Map<String, Map<String, SelfItem>> self = new HashMap<>();
        long decisionCount = 0;
        for (int u = 0; u < UNITS; u++) {
            String code = "u" + u;
            units.add(new CycleUnit(code, "单位" + u, CATEGORIES[u % CATEGORIES.length], u, false));
            Map<String, List<Decision>> byItem = new HashMap<>();
            Map<String, SelfItem> selfItems = new HashMap<>();
            for (UnitItem item : template) {
                List<Decision> list = decisionsFor(code, item, random);
                decisionCount += list.size();
                if (!list.isEmpty()) {
                    byItem.put(item.itemCode(), list);
                }
                if (random.nextInt(10) < 8) {
                    selfItems.put(item.itemCode(), new SelfItem(item.itemCode(), item.points(), Map.of()));
                }
            }
            decisions.put(code, byItem);
            self.put(code, selfItems);
        }
        long itemScores = (long) UNITS * ITEMS;
        System.out.printf("generated %,d units × %d items = %,d item scores, %,d decisions%n", UNITS, ITEMS,
                itemScores, decisionCount);

        // (a) rule evaluation in memory: one warm-up pass, then timed passes.
        Map<String, List<ItemResult>> results = evaluate(units, template, decisions, self);
        if (CASES.contains("a")) {
            evaluation(units, template, decisions, self, itemScores);
        }
        if (CASES.contains("b") || CASES.contains("c")) {
            persisting(units, unitItems, results);
        }
        if (CASES.contains("d")) {
            FullRecomputeCase.run(ROUNDS, units, template, decisions, self, results,
                    Boolean.getBoolean("bench.explain"));
        }
        System.exit(0);
    }

    private static void evaluation(List<CycleUnit> units, List<UnitItem> template,
                                   Map<String, Map<String, List<Decision>>> decisions,
                                   Map<String, Map<String, SelfItem>> self, long itemScores) {
        Map<String, List<ItemResult>> results;
        long[] evalNanos = new long[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            results = evaluate(units, template, decisions, self);
            evalNanos[r] = System.nanoTime() - t0;
        }
        long evalBest = Arrays.stream(evalNanos).min().orElseThrow();
        System.out.printf("(a) evaluation: best %.0f ms = %,.0f item scores/s (single thread; runs: %s ms)%n",
                ms(evalBest), itemScores / (evalBest / 1e9), msList(evalNanos));
        long[] parallelNanos = new long[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            units.parallelStream().map(unit -> Scoring.scoreItems(template,
                    decisions.get(unit.unitCode()), self.get(unit.unitCode()), Map.of())).toList();
            parallelNanos[r] = System.nanoTime() - t0;
        }
        long parallelBest = Arrays.stream(parallelNanos).min().orElseThrow();
        System.out.printf("    as the full recompute runs it (units in parallel, %d cores): best %.0f ms = %,.0f "
                        + "item scores/s (runs: %s ms)%n", Runtime.getRuntime().availableProcessors(), ms(parallelBest),
                itemScores / (parallelBest / 1e9), msList(parallelNanos));
    }

    private static void persisting(List<CycleUnit> units, UnitItems unitItems, Map<String, List<ItemResult>> results)
            throws Exception {
        String loadStart = FullRecomputeCase.loadavg();
        // (b) persisting: the service's COPY write vs a binary COPY of the same rows, same run, same table shape.
        String url = TestServers.database("scoring_bench");
        TestServers.Database db = TestServers.postgres();
        Flyway.configure().dataSource(url, db.user(), db.password()).locations("classpath:db/migration")
                .cleanDisabled(false).load().clean();
        // As the service migrates (service-defaults.yml): platform tables first, then its own history from 0.
        new io.kaohe.support.migration.PlatformSchemaMigration().migrate(Flyway.configure()
                .dataSource(url, db.user(), db.password()).locations("classpath:db/migration")
                .baselineOnMigrate(true).baselineVersion("0").load());
        SingleConnectionDataSource ds = new SingleConnectionDataSource(url, db.user(), db.password(), true);
        ds.setAutoCommit(false);
        Connection connection = ds.getConnection();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        ScoreStore store = new ScoreStore(jdbc, ds);
        jdbc.execute("create table item_score_baseline (like item_score including all)");
        connection.commit();

        // One untimed round first (JIT, first extension of the tables), then the timed rounds.
        long[] oursNanos = new long[ROUNDS + 1];
        long[] binaryNanos = new long[ROUNDS + 1];
        byte[] binary = null;
        for (int r = 0; r <= ROUNDS; r++) {
            jdbc.execute("truncate item_score, item_score_baseline");
            connection.commit();
            long t0 = System.nanoTime();
            store.copy(CYCLE, results);
            connection.commit();
            oursNanos[r] = System.nanoTime() - t0;
            if (binary == null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(256 << 20);
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("copy item_score to stdout with (format binary)", out);
                binary = out.toByteArray();
            }
            t0 = System.nanoTime();
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy item_score_baseline from stdin with (format binary)", new ByteArrayInputStream(binary));
            connection.commit();
            binaryNanos[r] = System.nanoTime() - t0;
        }
        oursNanos = Arrays.copyOfRange(oursNanos, 1, ROUNDS + 1);
        binaryNanos = Arrays.copyOfRange(binaryNanos, 1, ROUNDS + 1);
        long rows = jdbc.queryForObject("select count(*) from item_score", Long.class);
        long oursBest = Arrays.stream(oursNanos).min().orElseThrow();
        long binaryBest = Arrays.stream(binaryNanos).min().orElseThrow();
        System.out.printf("(b) persisting %,d rows: service COPY write best %.0f ms = %,.0f rows/s (runs %s ms)%n",
                rows, ms(oursBest), rows / (oursBest / 1e9), msList(oursNanos));
        System.out.printf("    binary COPY of the same rows best %.0f ms = %,.0f rows/s (runs %s ms, %,d bytes)%n",
                ms(binaryBest), rows / (binaryBest / 1e9), msList(binaryNanos), binary.length);
        System.out.printf("    ratio (service rows/s ÷ binary COPY rows/s): best-vs-best %.2f; per round %s; "
                        + "load average %s → %s%n", (double) binaryBest / oursBest, ratios(binaryNanos, oursNanos),
                loadStart, FullRecomputeCase.loadavg());

        long t0 = System.nanoTime();
        store.delete(CYCLE, List.of());
        store.copy(CYCLE, results);
        connection.commit();
        System.out.printf("    full replace as a recompute does (delete %,d rows + COPY): %.0f ms%n", rows,
                ms(System.nanoTime() - t0));

        int upsertUnits = Math.min(UNITS, 300);
        t0 = System.nanoTime();
        for (int u = 0; u < upsertUnits; u++) {
            String code = units.get(u).unitCode();
            store.upsert(CYCLE, code, results.get(code));
        }
        connection.commit();
        long upsertNanos = System.nanoTime() - t0;
        System.out.printf("    incremental path (one multi-row upsert per unit) on %d units: %,.0f rows/s%n",
                upsertUnits, upsertUnits * (double) ITEMS / (upsertNanos / 1e9));

        // (c) the results table for every unit: read totals and reasons back, build it, write .xlsx.
        Cycle cycle = new Cycle(CYCLE, 2015, "2015年度绩效考核（基准测试）", "v");
        t0 = System.nanoTime();
        Map<String, UnitTotals> totals = store.totals(CYCLE, units.stream().map(CycleUnit::unitCode).toList(),
                unit -> unitItems);
        long totalsNanos = System.nanoTime() - t0;
        long t1 = System.nanoTime();
        Map<String, Map<String, ItemResult>> itemRows = store.cycleRows(CYCLE);
        long linesNanos = System.nanoTime() - t1;
        t1 = System.nanoTime();
        ResultsTable table = Results.assemble(cycle, units, totals, itemRows, unit -> unitItems, Map.of(),
                RosterOrder.NONE);
        long assembleNanos = System.nanoTime() - t1;
        long modelNanos = System.nanoTime() - t0;
        System.out.printf("    (totals query %.0f ms, %,d item rows read in %.0f ms, assembled in %.0f ms)%n",
                ms(totalsNanos), itemRows.values().stream().mapToInt(Map::size).sum(), ms(linesNanos),
                ms(assembleNanos));
        Path file = Files.createTempFile("results-", ".xlsx");
        t0 = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(file)) {
            Xlsx.table(table, out);
        }
        long xlsxNanos = System.nanoTime() - t0;
        System.out.printf("(c) results table for %,d units: read + assemble %.0f ms, .xlsx write %.0f ms "
                        + "(%,d bytes, %d reasons columns); total %.0f ms%n", UNITS, ms(modelNanos), ms(xlsxNanos),
                Files.size(file), table.columns().size(), ms(modelNanos + xlsxNanos));
        Files.delete(file);
        connection.close();
        ds.destroy();
    }

    private static Map<String, List<ItemResult>> evaluate(List<CycleUnit> units, List<UnitItem> template,
                                                          Map<String, Map<String, List<Decision>>> decisions,
                                                          Map<String, Map<String, SelfItem>> self) {
        Map<String, List<ItemResult>> results = new LinkedHashMap<>();
        for (CycleUnit unit : units) {
            Map<String, List<Decision>> byItem = decisions.get(unit.unitCode());
            Map<String, SelfItem> selfItems = self.get(unit.unitCode());
            List<ItemResult> list = new ArrayList<>(template.size());
            for (UnitItem item : template) {
                list.add(ItemScorer.score(item, byItem.getOrDefault(item.itemCode(), List.of()),
                        selfItems.get(item.itemCode())));
            }
            results.put(unit.unitCode(), list);
        }
        return results;
    }

    /** 150 items under 5 top-level indicators, rules in the seeds' proportions (judged most common). */
    private static List<UnitItem> template() {
        List<UnitItem> items = new ArrayList<>();
        String[] tops = {"政治建设", "思想建设", "组织建设", "作风建设", "纪律建设"};
        for (int i = 0; i < ITEMS; i++) {
            int kind = i % 20;
            BigDecimal points = new BigDecimal(i % 3 == 0 ? "0.5" : "1");
            ScoringRule rule = switch (kind) {
                case 0, 1, 2, 3, 4, 5 -> new Judged("根据完成情况计分");
                case 6, 7, 8, 9 -> new DeductionPerIncident(new BigDecimal("0.1"), "每发生1起扣0.1分，扣完为止");
                case 10, 11 -> new Shortfall(List.of(new ShortfallTerm("人", new BigDecimal("0.1")),
                        new ShortfallTerm("百分点", new BigDecimal("0.01"))),
                        "每少1人扣0.1分，大要案比例每下降1个百分点扣0.01分（扣完为止）");
                case 12 -> new Threshold(new BigDecimal("95"), new BigDecimal("0.1"), "审限内结案率达95%，每少完成一个百分点扣0.1分");
                case 13 -> new PerCompletedItem(new BigDecimal("0.25"), "每完成一项计0.25分");
                case 14 -> new AllOrNothing("完成计满分，未完成不计分");
                case 15 -> new Veto("零进京、零上访、零事件，否则不计分");
                case 16 -> new QuantifiedRate("得分=单位活动实际开展数÷单位需开展活动数×分值");
                case 17 -> new Converted("《专项工作考核细则》", new BigDecimal("100"), "按《专项工作考核细则》进行评分，折算计入总分");
                default -> new BasePlusAdjustments(points.multiply(new BigDecimal("0.8")), points,
                        "基础分为分值的80%，加分或扣分，单项不重复计分，最高为分值");
            };
            String top = tops[i * tops.length / ITEMS];
            items.add(new UnitItem("i" + i, "考核内容第" + (i + 1) + "项", List.of(top), "t" + (i * tops.length / ITEMS),
                    top, points, rule, List.of("dept" + (i % 12)), "12月底", null));
        }
        return items;
    }

    private static List<Decision> decisionsFor(String unit, UnitItem item, Random random) {
        List<Decision> list = new ArrayList<>();
        ScoringRule rule = item.rule();
        BigDecimal points = item.points();
        if (rule instanceof Judged) {
            BigDecimal score = points.multiply(BigDecimal.valueOf(60 + random.nextInt(41)))
                    .divide(BigDecimal.valueOf(100)).setScale(2, java.math.RoundingMode.HALF_UP);
            list.add(decision(unit, item, DecisionKind.JUDGED, null, null, null, Map.of(), score, "根据完成情况评定", null));
        } else if (rule instanceof DeductionPerIncident && random.nextInt(10) < 3) {
            list.add(decision(unit, item, DecisionKind.DEDUCTION, null, BigDecimal.valueOf(1 + random.nextInt(3)), null,
                    Map.of(), null, "未按要求完成，被通报", SOURCES[random.nextInt(SOURCES.length)]));
        } else if (rule instanceof Shortfall && random.nextInt(10) < 2) {
            list.add(decision(unit, item, DecisionKind.DEDUCTION, null, BigDecimal.valueOf(1 + random.nextInt(4)), "人",
                    Map.of(), null, "立案查办人数少于目标", "年度考核"));
        } else if (rule instanceof Threshold) {
            list.add(decision(unit, item, DecisionKind.MEASUREMENT, null, null, null,
                    Map.of(Threshold.RATE, BigDecimal.valueOf(850 + random.nextInt(151), 1)), null, "结案率", null));
        } else if (rule instanceof PerCompletedItem) {
            list.add(decision(unit, item, DecisionKind.BONUS, null, BigDecimal.valueOf(random.nextInt(5)), null,
                    Map.of(), null, "完成项数", null));
        } else if (rule instanceof AllOrNothing) {
            list.add(decision(unit, item, DecisionKind.MEASUREMENT, null, null, null,
                    Map.of(AllOrNothing.COMPLETED, random.nextInt(10) < 9), null, "按进度完成情况", null));
        } else if (rule instanceof Veto && random.nextInt(50) == 0) {
            list.add(decision(unit, item, DecisionKind.DEDUCTION, null, BigDecimal.ONE, null, Map.of(), null,
                    "发生进京上访1起", "县委巡察通报"));
        } else if (rule instanceof QuantifiedRate) {
            list.add(decision(unit, item, DecisionKind.MEASUREMENT, null, null, null, Map.of(
                    QuantifiedRate.ACTUAL, BigDecimal.valueOf(random.nextInt(13)), QuantifiedRate.REQUIRED,
                    BigDecimal.valueOf(12)), null, "中心组学习次数", null));
        } else if (rule instanceof Converted) {
            list.add(decision(unit, item, DecisionKind.MEASUREMENT, null, null, null,
                    Map.of(Converted.SUB_SCORE, BigDecimal.valueOf(600 + random.nextInt(401), 1)), null, "细则得分", null));
        } else if (rule instanceof BasePlusAdjustments) {
            list.add(decision(unit, item, DecisionKind.BONUS, new BigDecimal("0.1"), null, null, Map.of(), null,
                    "被《督查通报》表扬", "督查通报"));
            if (random.nextBoolean()) {
                list.add(decision(unit, item, DecisionKind.DEDUCTION, new BigDecimal("0.05"), null, null, Map.of(), null,
                        "台账不规范", "实地检查"));
            }
        }
        if (random.nextInt(20) == 0 && !(rule instanceof BasePlusAdjustments)) {
            list.add(decision(unit, item, DecisionKind.DEDUCTION, new BigDecimal("0.1"), null, null, Map.of(), null,
                    "防范藏传佛教在非涉藏地区传播不到位", SOURCES[random.nextInt(SOURCES.length)]));
        }
        return list;
    }

    private static long seq;

    private static Decision decision(String unit, UnitItem item, DecisionKind kind, BigDecimal amount,
                                     BigDecimal quantity, String measure, Map<String, Object> measured,
                                     BigDecimal score, String reason, String source) {
        return new Decision(UUID.randomUUID(), ++seq, CYCLE, unit, item.itemCode(), kind, amount, quantity, measure,
                measured, score, null, reason, source, LocalDate.of(2015, 12, 20), List.of(), "reviewer",
                "department:" + item.assessingDepartments().get(0), null, null);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static String msList(long[] nanos) {
        return Arrays.stream(nanos).mapToObj(n -> String.format("%.0f", ms(n))).toList().toString();
    }

    /** Round by round, the first's time over the second's. */
    static String ratios(long[] numerators, long[] denominators) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < denominators.length; i++) {
            list.add(String.format("%.2f", (double) numerators[i] / denominators[i]));
        }
        return list.toString();
    }
}
