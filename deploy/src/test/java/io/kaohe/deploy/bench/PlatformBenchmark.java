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
 * Figures for the whole platform (a benchmark, not a test): the start on a fresh machine (empty data and runtimes
 * folders: initdb, Kafka's format, Keycloak's unpack and build, the applications' extraction, the realm import, every
 * migration), the stop after it, the warm start (same folders), resident (RSS) and proportional (PSS) memory per
 * process after the warm start, and the end-to-end latency of one event (commit in rubric-service to the consumer's
 * commit in evidence-service) against a bare Kafka round trip. With {@code -Dkaohe.bench.baseline=<launcher jar>}
 * the same starts are first measured with that launcher (e.g. the one of the commit before a change) on the same
 * jars, in the same run. Run with {@code deploy/bench/platform.sh}; it writes {@code docs/benchmarks/platform.md}.
 */
public final class PlatformBenchmark {

    /** Beside a developer's platform (0) and the end-to-end tests' (10000); every port stays below 32768. */
    private static final int OFFSET = 11_500;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path root = Path.of(System.getProperty("kaohe.root", ".")).toAbsolutePath().normalize();
        String loadBefore = loadAverage();
        List<Measured> runs = new ArrayList<>();
        String baseline = System.getProperty("kaohe.bench.baseline", "");
        if (!baseline.isBlank()) {
            runs.add(measure("baseline", root, Path.of(baseline), 0, false));
        }
        runs.add(measure("this tree", root, root.resolve("deploy/target/platform-launcher.jar"), events, true));
        String report = report(events, runs, loadBefore, loadAverage());
        Path out = root.resolve("docs/benchmarks/platform.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    /** One launcher's figures: its fresh-machine start, its stop, its warm start and the memory after that. */
    record Measured(String launcher, Started fresh, String training, Duration stop, Started warm,
                    Map<String, long[]> memory, Latencies platform, Latencies raw) {
    }

    /**
     * @param trains whether the launcher records class-data archives once the platform is up (for the next start): it
     *               is waited for before the stop, as a developer's platform runs long enough for it
     */
    private static Measured measure(String name, Path root, Path launcher, int events, boolean trains) throws Exception {
        Path data = root.resolve("deploy/target/bench-data");
        Path runtimes = root.resolve("deploy/target/bench-runtimes");
        deleteTree(data);
        deleteTree(runtimes);
        Started fresh = start(root, launcher, data, runtimes);
        String training = trains ? awaitTraining(data) : "";
        Duration stop = stop(fresh.process());
        Started warm = start(root, launcher, data, runtimes);
        Thread.sleep(10_000); // what the parts do right after "up" (first polls, consumer groups) settles
        Map<String, long[]> memory = memory(warm.process(), data);
        Latencies platform = events > 0 ? eventLatencies(events) : null;
        Latencies raw = events > 0 ? rawKafkaLatencies(events) : null;
        stop(warm.process());
        return new Measured(name, fresh, training, stop, warm, memory, platform, raw);
    }

    private static String awaitTraining(Path data) throws Exception {
        Path out = data.getParent().resolve("bench-platform.out");
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        Pattern done = Pattern.compile("(\\d+ of \\d+ class-data archives recorded in \\d+ s)");
        while (System.nanoTime() < deadline) {
            Matcher m = done.matcher(Files.readString(out));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(1000);
        }
        return "training runs not done after 20 min";
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

    private static Started start(Path root, Path launcher, Path data, Path runtimes) throws Exception {
        Path out = data.getParent().resolve("bench-platform.out");
        Files.createDirectories(data);
        Files.writeString(out, "");
        long t = System.nanoTime();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                launcher.toString(), "--data-dir=" + data, "--port-offset=" + OFFSET, "--runtimes-dir=" + runtimes)
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
        return new Started(process, wall, parts);
    }

    /** SIGTERM to the launcher (what Ctrl-C does) and the time until it has stopped every part and exited. */
    private static Duration stop(Process process) throws InterruptedException {
        long t = System.nanoTime();
        process.destroy();
        process.waitFor(3, TimeUnit.MINUTES);
        return Duration.ofNanos(System.nanoTime() - t);
    }

    /**
     * VmRSS and PSS (kB) of every process the launcher started, by what it runs. RSS counts a page shared by several
     * processes (PostgreSQL's shared buffers in every backend, the JDK's class-data archive in every JVM) in each of
     * them; PSS splits it between them, so the PSS column adds up to what the machine really holds.
     */
    private static Map<String, long[]> memory(Process launcher, Path data) throws IOException {
        Map<String, long[]> memory = new LinkedHashMap<>();
        memory.put("launcher", kb(launcher.pid()));
        for (ProcessHandle child : launcher.descendants().toList()) {
            // /proc's own command line: ProcessHandle.info() drops very long ones (Kafka's classpath).
            String command = commandLine(child.pid());
            String name = command.contains("kafka.Kafka") ? "kafka"
                    : command.contains("s3proxy") ? "s3proxy"
                    : command.contains("greenmail") ? "greenmail"
                    : command.contains("quarkus") ? "keycloak"
                    : command.matches(".*/([a-z-]+)/target/\\1\\.jar.*") ? command.replaceAll(".*/([a-z-]+)/target/\\1\\.jar.*", "$1")
                    : command.matches(".*/apps/([a-z-]+)/app/\\1\\.jar.*") ? command.replaceAll(".*/apps/([a-z-]+)/app/\\1\\.jar.*", "$1")
                    : null;
            if (name != null) {
                memory.merge(name, kb(child.pid()), PlatformBenchmark::add);
            }
        }
        // PostgreSQL runs detached from the launcher (pg_ctl): its postmaster is named in the data
        // folder, and its backends are the postmaster's children.
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).trim());
        long[] pg = kb(postmaster);
        for (ProcessHandle backend : ProcessHandle.of(postmaster).map(h -> h.children().toList()).orElse(List.of())) {
            pg = add(pg, kb(backend.pid()));
        }
        memory.put("postgres (postmaster + backends)", pg);
        return memory;
    }

    private static long[] add(long[] a, long[] b) {
        return new long[] {a[0] + b[0], a[1] + b[1]};
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** {VmRSS, Pss} in kB of one process (0 for one that is gone). */
    private static long[] kb(long pid) throws IOException {
        return new long[] {field(Path.of("/proc/" + pid + "/status"), "VmRSS:"),
            field(Path.of("/proc/" + pid + "/smaps_rollup"), "Pss:")};
    }

    private static long field(Path file, String name) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            return 0;
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

    private static String report(int n, List<Measured> runs, String loadBefore, String loadAfter) {
        StringBuilder b = new StringBuilder();
        b.append("Measured ").append(java.time.LocalDateTime.now().withNano(0)).append(" UTC on this machine (2 cores, 24 GiB) by ")
         .append("`deploy/bench/platform.sh` — a benchmark, not a test. Load average (1 min) at the start ").append(loadBefore)
         .append(", at the end ").append(loadAfter).append(".\n\n");
        Measured first = runs.get(0);
        b.append("| launcher | start | wall time | ratio to the first row's warm start | parts (the launcher's own timings) |\n|---|---|---|---|---|\n");
        for (Measured run : runs) {
            b.append(String.format("| %s | fresh machine (empty data and runtimes folders) | %.1f s | %.2f | %s |%n", run.launcher(),
                    seconds(run.fresh().wall()), seconds(run.fresh().wall()) / seconds(first.warm().wall()), run.fresh().startTimes()));
            if (!run.training().isEmpty()) {
                b.append(String.format("| %s | then, beside the running platform at nice 19: training runs | | | %s |%n",
                        run.launcher(), run.training()));
            }
            b.append(String.format("| %s | stop after it (SIGTERM to the launcher until it exited) | %.1f s | | |%n", run.launcher(),
                    seconds(run.stop())));
            b.append(String.format("| %s | warm (same folders) | %.1f s | %.2f | %s |%n", run.launcher(),
                    seconds(run.warm().wall()), seconds(run.warm().wall()) / seconds(first.warm().wall()), run.warm().startTimes()));
        }
        b.append("\nMemory per process 10 s after the warm start, MiB: RSS (VmRSS) and PSS (smaps_rollup: a shared page ")
         .append("counted once, split between the processes that share it):\n\n| process |");
        runs.forEach(run -> b.append(" RSS ").append(run.launcher()).append(" | PSS ").append(run.launcher()).append(" |"));
        b.append("\n|---|").append("---|---|".repeat(runs.size())).append('\n');
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        runs.forEach(run -> names.addAll(run.memory().keySet()));
        for (String name : names) {
            b.append("| ").append(name).append(" |");
            for (Measured run : runs) {
                long[] kb = run.memory().getOrDefault(name, new long[2]);
                b.append(String.format(" %d | %d |", kb[0] / 1024, kb[1] / 1024));
            }
            b.append('\n');
        }
        b.append("| **total** |");
        for (Measured run : runs) {
            long rss = run.memory().values().stream().mapToLong(kb -> kb[0]).sum();
            long pss = run.memory().values().stream().mapToLong(kb -> kb[1]).sum();
            b.append(String.format(" **%d** | **%d** |", rss / 1024, pss / 1024));
        }
        b.append("\n\n");
        Measured last = runs.get(runs.size() - 1);
        if (last.platform() != null) {
            b.append(String.format("One event's end-to-end latency (%s), over %d `RubricPublished` events published one after another ", last.launcher(), n))
             .append("through the gateway: from rubric-service's commit to evidence-service's consumer commit (outbox → Kafka → idempotent consumer). ")
             .append(String.format("Baseline: a bare Kafka producer → consumer round trip (acks=all) on the same broker, %d messages, same run.%n%n", n));
            b.append("| path | events measured | p50 | p99 | ratio p50 to baseline |\n|---|---|---|---|---|\n");
            b.append(String.format("| platform (commit → consumer commit) | %d | %.1f ms | %.1f ms | %.1f |%n", last.platform().millis().size(),
                    last.platform().percentile(50), last.platform().percentile(99), last.platform().percentile(50) / last.raw().percentile(50)));
            b.append(String.format("| baseline (bare produce → consume) | %d | %.1f ms | %.1f ms | 1.0 |%n%n", last.raw().millis().size(),
                    last.raw().percentile(50), last.raw().percentile(99)));
        }
        return b.toString();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static String loadAverage() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return load[0] + " (5 min " + load[1] + ")";
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
