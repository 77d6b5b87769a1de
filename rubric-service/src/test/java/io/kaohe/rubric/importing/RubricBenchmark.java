package io.kaohe.rubric.importing;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.rubric.AllOrNothing;
import io.kaohe.contracts.rubric.DeductionPerIncident;
import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.PerCompletedItem;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.Threshold;
import io.kaohe.rubric.RubricIntegrationTest;
import io.kaohe.rubric.Seeds;
import io.kaohe.rubric.versions.SnapshotJson;
import io.kaohe.testsupport.TestServers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Not a test: a bench harness, run on demand, that prints figures with a baseline measured in the
 * same run and writes them to docs/benchmarks/rubric-service.md. It never fails on a timing.
 *
 * <pre>./mvnw -o verify -pl rubric-service -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RubricBenchmark -Dbenchmark=true</pre>
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class RubricBenchmark extends RubricIntegrationTest {

    private static final int IMPORT_RUNS = 5;
    private static final int FETCHES = 1000;
    private static final int PUBLISH_RUNS = 3;

    @Autowired
    DataSource dataSource;

    private final List<String> lines = new ArrayList<>();

    @Test
    void measure() throws Exception {
        RubricSnapshot generated = generated(3000);
        Path generatedXlsx = Workbooks.written(out -> SystemWorkbookWriter.write(generated, Seeds.roster(), Seeds.JSON, out));
        Path seedXlsx = SeedWorkbooks.system(Seeds.county(), Seeds.roster()).save();
        RosterNames names = new RosterNames(Seeds.roster());
        String office = office();

        // --- imports ---
        long[] httpImport = new long[IMPORT_RUNS];
        long[] parseOnly = new long[IMPORT_RUNS];
        long[] sqlInsert = new long[IMPORT_RUNS];
        String canonical = SnapshotJson.write(generated);
        UUID rawRow = null;
        for (int i = 0; i < IMPORT_RUNS; i++) {
            long t0 = System.nanoTime();
            ResponseEntity<JsonNode> r = upload("/api/rubric/imports/system", office, Files.readAllBytes(generatedXlsx));
            httpImport[i] = System.nanoTime() - t0;
            check(r.getStatusCode().value() == 201, r);
            t0 = System.nanoTime();
            SystemWorkbook.read(generatedXlsx, names, Seeds.JSON, new SystemWorkbook.Header(null, null, null));
            parseOnly[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            rawRow = rawInsert(canonical);
            sqlInsert[i] = System.nanoTime() - t0;
        }
        row("Import generated system, 3,000 leaves, xlsx " + kb(generatedXlsx) + " (POST /api/rubric/imports/system)",
                median(httpImport), "parse only, same file, no HTTP/DB: " + ms(median(parseOnly))
                        + "; raw SQL insert of the same tree as jsonb: " + ms(median(sqlInsert)), IMPORT_RUNS);

        long[] seedImport = new long[IMPORT_RUNS];
        long[] seedParse = new long[IMPORT_RUNS];
        for (int i = 0; i < IMPORT_RUNS; i++) {
            long t0 = System.nanoTime();
            ResponseEntity<JsonNode> r = upload("/api/rubric/imports/system?code=bench-seed004&year=2018&title=seed004",
                    office, Files.readAllBytes(seedXlsx));
            seedImport[i] = System.nanoTime() - t0;
            check(r.getStatusCode().value() == 201, r);
            t0 = System.nanoTime();
            SystemWorkbook.read(seedXlsx, names, Seeds.JSON, new SystemWorkbook.Header("x", 2018, "x"));
            seedParse[i] = System.nanoTime() - t0;
        }
        row("Import seed 004 county system, 235 leaves, office layout xlsx " + kb(seedXlsx), median(seedImport),
                "parse only: " + ms(median(seedParse)), IMPORT_RUNS);

        // --- publish, event included ---
        long[] publish = new long[PUBLISH_RUNS];
        long[] untilEvent = new long[PUBLISH_RUNS];
        long[] hashOnly = new long[PUBLISH_RUNS];
        long[] sqlUpdate = new long[PUBLISH_RUNS];
        String publishedId = null;
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.poll(java.time.Duration.ofMillis(500));
            for (int i = 0; i < PUBLISH_RUNS; i++) {
                String id = call(HttpMethod.POST, "/api/rubric/versions", office, generated).getBody().get("id").asText();
                long t0 = System.nanoTime();
                ResponseEntity<JsonNode> r = call(HttpMethod.POST, "/api/rubric/versions/" + id + "/publish", office, null);
                publish[i] = System.nanoTime() - t0;
                check(r.getStatusCode().value() == 200, r);
                awaitEvent(consumer, e -> id.equals(e.at("/data/versionId").asText()));
                untilEvent[i] = System.nanoTime() - t0;
                publishedId = id;
                t0 = System.nanoTime();
                String json = SnapshotJson.write(generated);
                MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
                hashOnly[i] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                rawUpdate(rawRow, json);
                sqlUpdate[i] = System.nanoTime() - t0;
            }
        }
        row("Publish a 3,000-leaf version (POST …/publish: validate, canonical JSON, hash, outbox)", median(publish),
                "canonical JSON + SHA-256 in process: " + ms(median(hashOnly)) + "; raw SQL update storing the same JSON: "
                        + ms(median(sqlUpdate)), PUBLISH_RUNS);
        row("Publish → RubricPublished received from Kafka", median(untilEvent), "(the publish call above is the baseline)",
                PUBLISH_RUNS);

        // --- fetches with a JWT ---
        String reporter = io.kaohe.testsupport.Tokens.forUser("reporter.sjw");
        String path = "/api/rubric/versions/" + publishedId + "/snapshot";
        long[] fetch = fetches(path, reporter);
        long[] jdbc = jdbcFetches(publishedId);
        long bytes = http.exchange(path, HttpMethod.GET, new HttpEntity<>(bearer(reporter)), String.class).getBody()
                .getBytes(StandardCharsets.UTF_8).length;
        percentiles("Fetch the full tree of the 3,000-leaf version (GET …/snapshot, " + bytes / 1024 + " KB, JWT)", fetch,
                "SELECT of the same JSON over JDBC", jdbc);
        String items = "/api/rubric/versions/" + publishedId + "/units/ly-yanshi/items";
        percentiles("Unit items of a county unit in the 3,000-leaf version (GET …/units/{unit}/items, service token)",
                fetches(items, service()), "SELECT of the version JSON over JDBC", jdbc);

        String report = report();
        System.out.println(report);
        Path target = TestServers.projectRoot().resolve("docs/benchmarks/rubric-service.md");
        Files.createDirectories(target.getParent());
        Files.writeString(target, report);
    }

    private long[] fetches(String path, String token) {
        HttpEntity<Void> request = new HttpEntity<>(bearer(token));
        for (int i = 0; i < 50; i++) {
            http.exchange(path, HttpMethod.GET, request, String.class);
        }
        long[] times = new long[FETCHES];
        for (int i = 0; i < FETCHES; i++) {
            long t0 = System.nanoTime();
            ResponseEntity<String> r = http.exchange(path, HttpMethod.GET, request, String.class);
            times[i] = System.nanoTime() - t0;
            if (r.getStatusCode().value() != 200) {
                throw new IllegalStateException(path + " answered " + r.getStatusCode());
            }
        }
        return times;
    }

    private long[] jdbcFetches(String id) throws Exception {
        long[] times = new long[FETCHES];
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select published_content from rubric_version where id = ?")) {
            s.setObject(1, UUID.fromString(id));
            for (int i = 0; i < 50 + FETCHES; i++) {
                long t0 = System.nanoTime();
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    rs.getString(1);
                }
                if (i >= 50) {
                    times[i - 50] = System.nanoTime() - t0;
                }
            }
        }
        return times;
    }

    private UUID rawInsert(String json) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            try (var st = c.createStatement()) {
                st.execute("create table if not exists bench_raw_version (id uuid primary key, content jsonb not null)");
            }
            try (PreparedStatement s = c.prepareStatement("insert into bench_raw_version (id, content) values (?, cast(? as jsonb))")) {
                s.setObject(1, id);
                s.setString(2, json);
                s.executeUpdate();
            }
        }
        return id;
    }

    private void rawUpdate(UUID id, String json) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update bench_raw_version set content = cast(? as jsonb) where id = ?")) {
            s.setString(1, json);
            s.setObject(2, id);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("the baseline row is missing");
            }
        }
    }

    private ResponseEntity<JsonNode> upload(String path, String token, byte[] content) {
        return upload(path, token, content, "bench.xlsx");
    }

    /** 10 一级 × 5 二级 × 6 三级 × 10 items, with a mix of rule types and departments. */
    static RubricSnapshot generated(int leaves) {
        List<String> departments = Seeds.roster().departments().stream().map(d -> d.code()).toList();
        List<IndicatorNode> roots = new ArrayList<>();
        int n = 0;
        for (int a = 1; a <= 10; a++) {
            List<IndicatorNode> l2 = new ArrayList<>();
            for (int b = 1; b <= 5; b++) {
                List<IndicatorNode> l3 = new ArrayList<>();
                for (int c = 1; c <= 6; c++) {
                    List<IndicatorNode> items = new ArrayList<>();
                    for (int d = 1; d <= leaves / 300; d++, n++) {
                        String code = a + "." + b + "." + c + "." + d;
                        String title = "考核条目" + code + "：按要求完成年度工作任务情况";
                        ScoringRule rule = switch (n % 5) {
                            case 0 -> new DeductionPerIncident(new BigDecimal("0.1"), "每发生1起扣0.1分，扣完为止");
                            case 1 -> new Threshold(new BigDecimal("95"), new BigDecimal("0.1"), "完成率达95%，每少一个百分点扣0.1分");
                            case 2 -> new PerCompletedItem(new BigDecimal("0.5"), "每完成一项计0.5分");
                            case 3 -> new AllOrNothing("完成计满分，未完成不计分");
                            default -> new Judged("根据完成情况计分");
                        };
                        items.add(new IndicatorNode(code, title, BigDecimal.ONE, List.of(), title + "(1分)",
                                List.of(departments.get(n % departments.size())), rule, "12月底",
                                "提供文件、现场照片和新闻报道等资料", null, List.of()));
                    }
                    l3.add(inner(a + "." + b + "." + c, "三级指标" + a + "." + b + "." + c, items));
                }
                l2.add(inner(a + "." + b, "二级指标" + a + "." + b, l3));
            }
            roots.add(inner(String.valueOf(a), "一级指标" + a, l2));
        }
        return new RubricSnapshot("bench-generated-" + UUID.randomUUID().toString().substring(0, 8), 2026,
                "基准测试指标体系（3,000个考核条目）", null, List.of(), java.util.Map.of(), List.of(), roots);
    }

    private static IndicatorNode inner(String code, String title, List<IndicatorNode> children) {
        BigDecimal points = children.stream().map(IndicatorNode::points).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new IndicatorNode(code, title, points, List.of(), null, List.of(), null, null, null, null, children);
    }

    private static void check(boolean ok, ResponseEntity<JsonNode> r) {
        if (!ok) {
            throw new IllegalStateException("unexpected answer " + r.getStatusCode() + ": " + r.getBody());
        }
    }

    private void row(String what, long nanos, String baseline, int runs) {
        lines.add("| " + what + " | " + ms(nanos) + " (median of " + runs + ") | " + baseline + " |");
    }

    private void percentiles(String what, long[] times, String baselineWhat, long[] baseline) {
        lines.add("| " + what + " | p50 " + ms(pct(times, 50)) + ", p99 " + ms(pct(times, 99)) + " (" + FETCHES
                + " requests) | " + baselineWhat + ": p50 " + ms(pct(baseline, 50)) + ", p99 " + ms(pct(baseline, 99)) + " |");
    }

    private String report() {
        return """
                # rubric-service benchmarks

                Measured %s on the development machine (2 cores, shared with other builds), against the
                embedded real servers the integration tests use (PostgreSQL, Kafka, Keycloak), the service in the
                same JVM as the harness, one client thread. Each figure has its baseline from the same run; the
                baselines run interleaved with the measured calls, and on this shared machine single figures vary
                by a third or more between runs.

                | what | figure | baseline (same run) |
                |---|---|---|
                %s

                How to rerun (prints the table and rewrites this file):

                    ./mvnw -o install -pl event-contracts,service-support,test-support -DskipTests
                    ./mvnw -o verify -pl rubric-service -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RubricBenchmark -Dbenchmark=true

                The harness is `rubric-service/src/test/java/io/kaohe/rubric/importing/RubricBenchmark.java`; it is not
                a test (it runs only with -Dbenchmark=true and never fails on a timing).
                """.formatted(LocalDate.now(), String.join("\n", lines));
    }

    private static long median(long[] times) {
        return pct(times, 50);
    }

    private static long pct(long[] times, int p) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String kb(Path file) throws java.io.IOException {
        return Files.size(file) / 1024 + " KB";
    }
}
