package io.kaohe.deploy.bench;

import io.kaohe.testsupport.OneTimeCodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Figures for the whole platform (a benchmark, not a test): cold and warm start, resident
 * memory per process, and the end-to-end latency of one event (commit in rubric-service to
 * the consumer's commit in evidence-service) over many events, each set against a baseline
 * measured in the same run. Run with {@code deploy/bench/platform.sh}; it writes
 * {@code docs/benchmarks/platform.md}.
 */
public final class PlatformBenchmark {

    /** Beside a developer's platform (0) and the end-to-end tests' (10000); every port stays below 32768. */
    private static final int OFFSET = 11_500;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path root = Path.of(System.getProperty("kaohe.root", ".")).toAbsolutePath().normalize();
        Path data = root.resolve("deploy/target/bench-data");
        Path runtimes = root.resolve("deploy/target/bench-runtimes");
        deleteTree(data);
        deleteTree(runtimes);

        Started cold = start(root, data, runtimes);
        Map<String, Long> rss = residentMemory(cold.process(), data);
        Latencies platform = eventLatencies(events);
        Latencies raw = rawKafkaLatencies(events);
        stop(cold.process());
        Started warm = start(root, data, runtimes);
        Map<String, Long> rssWarm = residentMemory(warm.process(), data);
        stop(warm.process());

        String report = report(events, cold, warm, rss, rssWarm, platform, raw);
        Path out = root.resolve("docs/benchmarks/platform.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    record Started(Process process, Duration wall, String startTimes) {
    }

    record Latencies(List<Double> millis) {
        double percentile(double p) {
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }

    private static Started start(Path root, Path data, Path runtimes) throws Exception {
        Path out = data.getParent().resolve("bench-platform.out");
        Files.createDirectories(data);
        long t = System.nanoTime();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                root.resolve("deploy/target/platform-launcher.jar").toString(), "--data-dir=" + data,
                "--port-offset=" + OFFSET, "--runtimes-dir=" + runtimes)
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        while (!Files.readString(out).contains("is up")) {
            if (!process.isAlive()) {
                throw new IllegalStateException("platform did not start:\n" + Files.readString(out));
            }
            Thread.sleep(200);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - t);
        Matcher m = Pattern.compile("Start-up: (.*)").matcher(Files.readString(out));
        String parts = m.find() ? m.group(1).trim() : "";
        Files.writeString(out, ""); // the next start appends its own banner
        return new Started(process, wall, parts);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        process.waitFor(2, TimeUnit.MINUTES);
    }

    /** VmRSS of every process the launcher started, by what it runs. */
    private static Map<String, Long> residentMemory(Process launcher, Path data) throws IOException {
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put("launcher", rssKb(launcher.pid()));
        for (ProcessHandle child : launcher.descendants().toList()) {
            // /proc's own command line: ProcessHandle.info() drops very long ones (Kafka's classpath).
            String command = commandLine(child.pid());
            String name = command.contains("kafka.Kafka") ? "kafka"
                    : command.contains("s3proxy") ? "s3proxy"
                    : command.contains("quarkus") ? "keycloak"
                    : command.matches(".*/([a-z-]+)/target/\\1\\.jar.*") ? command.replaceAll(".*/([a-z-]+)/target/\\1\\.jar.*", "$1")
                    : null;
            if (name != null) {
                rss.merge(name, rssKb(child.pid()), Long::sum);
            }
        }
        // PostgreSQL runs detached from the launcher (pg_ctl): its postmaster is named in the data
        // folder, and its backends are the postmaster's children.
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).trim());
        long pg = rssKb(postmaster);
        for (ProcessHandle backend : ProcessHandle.of(postmaster).map(h -> h.children().toList()).orElse(List.of())) {
            pg += rssKb(backend.pid());
        }
        rss.put("postgres (postmaster + backends)", pg);
        return rss;
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static long rssKb(long pid) throws IOException {
        Path status = Path.of("/proc/" + pid + "/status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    /**
     * Publishes {@code n} rubric versions one after another and measures, per event, the time
     * from rubric-service's commit (published_at) to evidence-service's consumer commit
     * (processed_event.processed_at): both clocks are the same PostgreSQL server's.
     */
    private static Latencies eventLatencies(int n) throws Exception {
        String token = token("office");
        String gateway = "http://127.0.0.1:" + (8080 + OFFSET);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = """
                    {"code":"bench-%d","year":%d,"title":"基准","roots":[{"code":"1","title":"职能职责","points":5,"children":[
                     {"code":"1.1","title":"项目","points":5,"assessingDepartments":["sfpymj"],"rule":{"type":"judged","wording":"根据完成情况计分"}}]}]}
                    """.formatted(i, LocalDate.now().getYear());
            if (i % 200 == 0) {
                token = token("office");
            }
            HttpResponse<String> created = post(gateway + "/api/rubric/versions", token, body);
            String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            post(gateway + "/api/rubric/versions/" + id + "/publish", token, null);
            ids.add(id);
        }
        String pg = "jdbc:postgresql://127.0.0.1:" + (15432 + OFFSET) + "/";
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Connection evidence = DriverManager.getConnection(pg + "evidence", "postgres", "");
             Connection rubric = DriverManager.getConnection(pg + "rubric", "postgres", "")) {
            while (count(evidence, "select count(*) from replica_rubric_version where system_code like 'bench-%'") < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not every event arrived");
                }
                Thread.sleep(200);
            }
            Map<String, Double> published = new LinkedHashMap<>();
            try (Statement s = rubric.createStatement(); ResultSet rs = s.executeQuery(
                    "select id, extract(epoch from published_at) * 1000 from rubric_version where system_code like 'bench-%'")) {
                while (rs.next()) {
                    published.put(rs.getString(1), rs.getDouble(2));
                }
            }
            List<Double> latencies = new ArrayList<>();
            // received_at is the consumer transaction's now(): the same instant its processed_event row records.
            try (Statement s = evidence.createStatement(); ResultSet rs = s.executeQuery(
                    "select version_id, extract(epoch from received_at) * 1000 from replica_rubric_version "
                            + "where system_code like 'bench-%'")) {
                while (rs.next()) {
                    Double start = published.get(rs.getString(1));
                    if (start != null) {
                        latencies.add(rs.getDouble(2) - start);
                    }
                }
            }
            return new Latencies(latencies);
        }
    }

    /** The same path with nothing of ours: a bare producer and consumer on the same broker. */
    private static Latencies rawKafkaLatencies(int n) throws Exception {
        String bootstrap = "127.0.0.1:" + (19092 + OFFSET);
        // A topic of its own (the broker does not auto-create), read from its start: nothing is skipped.
        String topic = "kaohe.bench." + UUID.randomUUID();
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin kafkaAdmin = Admin.create(admin)) {
            kafkaAdmin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        List<Double> latencies = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
             KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            for (int i = 0; i < n; i++) {
                long sent = System.nanoTime();
                String marker = "bench-" + i + "-" + sent;
                producer.send(new ProducerRecord<>(topic, "bench", marker)).get();
                boolean seen = false;
                long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!seen) {
                    if (System.nanoTime() > giveUp) {
                        throw new IllegalStateException("bare consumer never saw message " + i);
                    }
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                        seen |= record.value().equals(marker);
                    }
                }
                latencies.add((System.nanoTime() - sent) / 1e6);
            }
        }
        return new Latencies(latencies);
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String token(String user) throws Exception {
        String issuer = "http://127.0.0.1:" + (8180 + OFFSET) + "/realms/kaohe";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=kaohe-cli&username=" + user
                        + "&password=demo" + (OneTimeCodes.secretOf(user).isPresent() ? "&totp=" + OneTimeCodes.next(user) : "")))
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    private static HttpResponse<String> post(String url, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String report(int n, Started cold, Started warm, Map<String, Long> rss, Map<String, Long> rssWarm,
                                 Latencies platform, Latencies raw) {
        StringBuilder b = new StringBuilder();
        b.append("## Platform (issue 2)\n\n");
        b.append("Measured ").append(LocalDate.now()).append(" on this machine (2 cores, 24 GiB) by `deploy/bench/platform.sh`")
         .append(" — a benchmark, not a test. Load average during the run: ").append(loadAverage())
         .append(" (other builds shared the cores; compare the ratios).\n\n");
        b.append("| start | wall time | ratio to warm | parts |\n|---|---|---|---|\n");
        b.append(String.format("| cold (empty data folder: initdb, Kafka format, Keycloak unpack+build, realm import, migrations) | %.1f s | %.2f | %s |%n",
                cold.wall().toMillis() / 1000.0, cold.wall().toMillis() / (double) warm.wall().toMillis(), cold.startTimes()));
        b.append(String.format("| warm (same data folder) | %.1f s | 1.00 | %s |%n%n",
                warm.wall().toMillis() / 1000.0, warm.startTimes()));
        long total = rss.values().stream().mapToLong(Long::longValue).sum();
        b.append("Resident memory (VmRSS) per process just after start, and its share of the platform's total:\n\n");
        b.append("| process | RSS after cold start | share | RSS after warm start |\n|---|---|---|---|\n");
        rss.forEach((name, kb) -> b.append(String.format("| %s | %d MiB | %.0f%% | %d MiB |%n", name, kb / 1024,
                100.0 * kb / total, rssWarm.getOrDefault(name, 0L) / 1024)));
        b.append(String.format("| **total** | **%d MiB** | 100%% | %d MiB |%n%n", total / 1024,
                rssWarm.values().stream().mapToLong(Long::longValue).sum() / 1024));
        b.append(String.format("One event's end-to-end latency, over %d `RubricPublished` events published one after another ", n))
         .append("through the gateway: from rubric-service's commit to evidence-service's consumer commit (outbox → Kafka → idempotent consumer). ")
         .append(String.format("Baseline: a bare Kafka producer → consumer round trip (acks=all) on the same broker, %d messages, same run.%n%n", n));
        b.append("| path | events measured | p50 | p99 | ratio p50 to baseline |\n|---|---|---|---|---|\n");
        b.append(String.format("| platform (commit → consumer commit) | %d | %.1f ms | %.1f ms | %.1f |%n", platform.millis().size(),
                platform.percentile(50), platform.percentile(99), platform.percentile(50) / raw.percentile(50)));
        b.append(String.format("| baseline (bare produce → consume) | %d | %.1f ms | %.1f ms | 1.0 |%n%n", raw.millis().size(),
                raw.percentile(50), raw.percentile(99)));
        return b.toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[1] + " (5 min)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private PlatformBenchmark() {
    }
}
