package io.kaohe.support.events.latency;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.kaohe.contracts.events.Topics;
import io.kaohe.support.events.latency.Hops.Sample;
import io.kaohe.testsupport.TestServers;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * One event's latency from the producer's commit to the consumer's commit, through the real outbox (Spring Modulith's
 * publication registry, externalized to Kafka by service-support's configuration) and the real idempotent consumer
 * (service-support's PublishedVersions with its inbox), as rubric-service → evidence-service carry RubricPublished.
 * A benchmark, not a test: it prints figures, each against a bare Kafka producer → consumer round trip (acks=all) on
 * the same broker, measured in the same run. Two application contexts in one JVM, on the embedded PostgreSQL and
 * Kafka (test-support's TestServers). Run with {@code deploy/bench/events.sh}.
 *
 * <p>System properties: {@code bench.events} (1000, one after another), {@code bench.burst} (300, back to back),
 * {@code bench.gap-ms} (20: the pause between two sequential events, as two HTTP requests space the platform's),
 * {@code bench.warmup} (200), {@code bench.audit} (true: each publication also records an audit event, as the
 * platform's writes do). Any {@code spring.*} or {@code kaohe.*} system property reaches both applications.
 */
public final class EventLatencyBenchmark {

    private static final List<long[]> GC_PAUSES = new ArrayList<>(); // {end nanoTime, duration nanos}

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 1000);
        int burst = Integer.getInteger("bench.burst", 300);
        long gapMs = Long.getLong("bench.gap-ms", 20);
        int warmup = Integer.getInteger("bench.warmup", 200);
        String loadBefore = loadAverage();
        watchGarbageCollections();

        String kafka = TestServers.kafkaBootstrapServers();
        String rubricDb = TestServers.database("bench_rubric");
        String evidenceDb = TestServers.database("bench_evidence");
        Path logFile = TestServers.projectRoot().resolve("service-support/target/event-latency-benchmark.log");
        ConfigurableApplicationContext evidence = start(EvidenceSide.class, "bench-evidence", evidenceDb, kafka, logFile,
                "--kaohe.rubric-replica.api-path=/api/bench/versions",
                "--spring.kafka.consumer.properties.interceptor.classes=" + Hops.Polls.class.getName());
        ConfigurableApplicationContext rubric = start(RubricSide.class, "bench-rubric", rubricDb, kafka, logFile,
                "--spring.kafka.producer.properties.interceptor.classes=" + Hops.Sends.class.getName());
        try {
            awaitAssignment(evidence);
            RubricSide.Publications publications = rubric.getBean(RubricSide.Publications.class);
            StringBuilder out = new StringBuilder();
            out.append("=== event latency benchmark ===\n");
            out.append(String.format("%s; %d cores; JVM %s %s%n", Instant.now(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                            .filter(a -> a.startsWith("-X")).toList()));
            out.append(settings(rubric.getEnvironment(), evidence.getEnvironment()));

            sequential(publications, warmup, gapMs); // compiles the path; not counted
            Hops.clear();
            synchronized (GC_PAUSES) {
                GC_PAUSES.clear(); // the start-up's collections are not the path's
            }
            BareKafka bare = new BareKafka(kafka);
            List<Long> bareSequential = bare.roundTrips(events, gapMs, false);
            List<Sample> sequential = sequential(publications, events, gapMs);
            List<Long> bareBurst = bare.roundTrips(burst, 0, true);
            bare.close();
            long burstStart = System.nanoTime();
            List<Sample> burstSamples = burst(publications, burst);
            double burstSeconds = (burstSamples.stream().mapToLong(s -> s.at[Hops.CONSUMER_COMMIT]).max().orElseThrow()
                    - burstStart) / 1e9;
            Idle idle = idle(rubricDb, evidenceDb, Duration.ofSeconds(20));

            out.append(String.format("%n%d events one after another (%d ms apart), commit → consumer commit:%n", events, gapMs));
            out.append(table(sequential, bareSequential));
            out.append(tail(sequential));
            out.append(String.format("%n%d events back to back (each its own transaction, from one thread): %.0f events/s "
                    + "from the first commit to the last consumer commit%n", burst, burst / burstSeconds));
            out.append(table(burstSamples, bareBurst));
            out.append(String.format("%nIdle (20 s, nothing published): this JVM (both applications) %.1f ms CPU per s; "
                    + "PostgreSQL transactions per s: rubric-side %.1f, evidence-side %.1f%n",
                    idle.cpuMillisPerSecond(), idle.rubricXactsPerSecond(), idle.evidenceXactsPerSecond()));
            out.append(String.format("Garbage collections in this JVM during the run: %d, %.0f ms in all, longest %.1f ms%n",
                    GC_PAUSES.size(), GC_PAUSES.stream().mapToLong(p -> p[1]).sum() / 1e6,
                    GC_PAUSES.stream().mapToLong(p -> p[1]).max().orElse(0) / 1e6));
            out.append(String.format("Load average (1/5/15 min) at start: %s; at end: %s%n", loadBefore, loadAverage()));
            System.out.println(out);
        } finally {
            rubric.close();
            evidence.close();
        }
        System.exit(0);
    }

    private static ConfigurableApplicationContext start(Class<?> app, String name, String db, String kafka, Path logFile,
                                                        String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.application.name=" + name,
                "--spring.datasource.url=" + db,
                "--spring.datasource.username=" + TestServers.postgres().user(),
                "--spring.datasource.password=" + TestServers.postgres().password(),
                "--spring.kafka.bootstrap-servers=" + kafka,
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:9/realms/none",
                "--server.port=0", "--management.server.port=0",
                // The services' log lines go to a file, as the launcher's do; the console keeps the figures.
                "--logging.file.name=" + logFile, "--logging.threshold.console=OFF"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(app).run(args.toArray(String[]::new));
    }

    private static void awaitAssignment(ConfigurableApplicationContext evidence) throws InterruptedException {
        var container = evidence.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("bench-evidence.published-rubrics");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (container.getAssignedPartitions() == null || container.getAssignedPartitions().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the consumer got no partitions");
            }
            Thread.sleep(100);
        }
    }

    /** Each event published once the previous one's offset is committed and the gap has passed. */
    private static List<Sample> sequential(RubricSide.Publications publications, int n, long gapMs) throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Sample sample = Hops.expect(publications.publish(i));
            if (!sample.consumed.await(60, TimeUnit.SECONDS) || !sample.offsetCommitted.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("event " + i + " did not arrive: " + Arrays.toString(sample.at));
            }
            samples.add(sample);
            Thread.sleep(gapMs);
        }
        return samples;
    }

    private static List<Sample> burst(RubricSide.Publications publications, int n) throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(Hops.expect(publications.publish(1_000_000 + i)));
        }
        for (Sample sample : samples) {
            if (!sample.consumed.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a burst event did not arrive: " + Arrays.toString(sample.at));
            }
        }
        return samples;
    }

    /** The baseline: a producer (acks=all, idempotent) and a consumer of nothing but Kafka, on the same broker. */
    static final class BareKafka implements AutoCloseable {
        private final String topic = "kaohe.bench." + UUID.randomUUID();
        private final KafkaProducer<String, String> producer;
        private final KafkaConsumer<String, String> consumer;

        BareKafka(String bootstrap) throws Exception {
            Properties admin = new Properties();
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try (Admin kafkaAdmin = Admin.create(admin)) {
                kafkaAdmin.createTopics(List.of(new NewTopic(topic, Topics.PARTITIONS, (short) 1))).all().get();
            }
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
            consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            roundTrips(50, 0, false); // warm-up
        }

        /** Send → the consumer's poll returning it, in nanoseconds; {@code together}: all sent first, then read. */
        List<Long> roundTrips(int n, long gapMs, boolean together) throws Exception {
            List<Long> latencies = new ArrayList<>();
            long[] sentAt = new long[n];
            String run = UUID.randomUUID().toString();
            int received = 0;
            for (int i = 0; i < n; i++) {
                sentAt[i] = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "rubric-versions/" + run + i, run + ":" + i));
                if (together) {
                    continue;
                }
                received += read(run, sentAt, latencies, i + 1 - received);
                Thread.sleep(gapMs);
            }
            while (received < n) {
                received += read(run, sentAt, latencies, n - received);
            }
            return latencies;
        }

        private int read(String run, long[] sentAt, List<Long> latencies, int expected) {
            int seen = 0;
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen < expected) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("the bare consumer missed messages");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (record.value().startsWith(run + ":")) {
                        latencies.add(now - sentAt[Integer.parseInt(record.value().substring(run.length() + 1))]);
                        seen++;
                    }
                }
            }
            return seen;
        }

        @Override
        public void close() {
            producer.close();
            consumer.close();
        }
    }

    record Idle(double cpuMillisPerSecond, double rubricXactsPerSecond, double evidenceXactsPerSecond) {
    }

    /** What the two applications cost while nothing happens: this JVM's CPU and each database's transactions. */
    private static Idle idle(String rubricDb, String evidenceDb, Duration window) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // A backend reports its transactions to pg_stat_database up to 10 s after it went idle: let the burst's settle.
        Thread.sleep(12_000);
        long[] before = {transactions(rubricDb), transactions(evidenceDb)};
        long cpu = os.getProcessCpuTime();
        Thread.sleep(window.toMillis());
        double seconds = window.toMillis() / 1000.0;
        double cpuPerSecond = (os.getProcessCpuTime() - cpu) / 1e6 / seconds;
        // Each reading is itself one transaction on that database.
        return new Idle(cpuPerSecond, (transactions(rubricDb) - before[0] - 1) / seconds,
                (transactions(evidenceDb) - before[1] - 1) / seconds);
    }

    private static long transactions(String jdbcUrl) throws Exception {
        String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        try (Connection db = DriverManager.getConnection(jdbcUrl, TestServers.postgres().user(), TestServers.postgres().password());
             Statement s = db.createStatement()) {
            s.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("select xact_commit + xact_rollback from pg_stat_database where datname = '"
                    + name + "'")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String settings(Environment rubric, Environment evidence) {
        StringBuilder b = new StringBuilder("Settings in effect:\n");
        for (String key : List.of("spring.kafka.producer.acks", "spring.kafka.producer.properties.enable.idempotence",
                "spring.kafka.producer.properties.linger.ms", "spring.kafka.producer.batch-size", "bench.audit",
                "spring.task.execution.pool.core-size", "kaohe.outbox.resubmit-every")) {
            b.append(String.format("  rubric-side   %s = %s%n", key, rubric.getProperty(key, "(default)")));
        }
        for (String key : List.of("spring.kafka.listener.ack-mode", "spring.kafka.listener.poll-timeout",
                "spring.kafka.consumer.fetch-max-wait", "spring.kafka.consumer.fetch-min-size",
                "spring.kafka.consumer.max-poll-records", "spring.kafka.listener.observation-enabled")) {
            b.append(String.format("  evidence-side %s = %s%n", key, evidence.getProperty(key, "(default)")));
        }
        return b.toString();
    }

    private static String table(List<Sample> samples, List<Long> baseline) {
        StringBuilder b = new StringBuilder();
        b.append("| path | n | p50 | p90 | p99 | max | p50 / baseline p50 | p99 / baseline p99 |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        List<Long> total = values(samples, s -> s.between(Hops.COMMIT, Hops.CONSUMER_COMMIT));
        b.append(row("commit → consumer commit", total, baseline));
        b.append(row("baseline: bare produce → consume (acks=all)", baseline, baseline));
        for (int[] hop : CHAIN) {
            b.append(row("  hop: " + Hops.NAMES[hop[0]] + " → " + Hops.NAMES[hop[1]], values(samples, s -> s.between(hop[0], hop[1])), null));
        }
        b.append(row("  beside: send start → kafka ack (the producer's view)", values(samples, s -> s.between(Hops.SEND, Hops.ACK)), null));
        List<Long> offsets = values(samples.stream().filter(s -> s.at[Hops.OFFSET_COMMIT] != 0).toList(),
                s -> s.between(Hops.CONSUMER_COMMIT, Hops.OFFSET_COMMIT));
        if (!offsets.isEmpty()) {
            b.append(row("  after: consumer commit → offset commit", offsets, null));
        }
        return b.toString();
    }

    /** The path hop by hop; Kafka's acknowledgement to the producer runs beside the consumer's poll, not before it. */
    private static final int[][] CHAIN = {{Hops.COMMIT, Hops.SEND}, {Hops.SEND, Hops.POLLED}, {Hops.POLLED, Hops.INBOX},
            {Hops.INBOX, Hops.INBOX_DONE}, {Hops.INBOX_DONE, Hops.CONSUMER_COMMIT}};

    /** Where the slowest 1% spent their time: the median of each hop among them. */
    private static String tail(List<Sample> samples) {
        List<Sample> slowest = samples.stream()
                .sorted(Comparator.comparingLong((Sample s) -> s.between(Hops.COMMIT, Hops.CONSUMER_COMMIT)).reversed())
                .limit(Math.max(1, samples.size() / 100)).toList();
        StringBuilder b = new StringBuilder(String.format("The slowest %d (1%%), median per hop:", slowest.size()));
        for (int[] hop : CHAIN) {
            b.append(String.format(" %s → %s %.1f ms;", Hops.NAMES[hop[0]], Hops.NAMES[hop[1]],
                    percentile(values(slowest, s -> s.between(hop[0], hop[1])), 50) / 1e6));
        }
        long withGc = slowest.stream().filter(EventLatencyBenchmark::overlapsGc).count();
        b.append(String.format(" %d of them overlap a garbage collection in this JVM.%n", withGc));
        b.append("  each (ms, per hop): ");
        for (Sample s : slowest) {
            StringBuilder hops = new StringBuilder();
            for (int[] hop : CHAIN) {
                hops.append(hops.isEmpty() ? "" : "/").append(String.format("%.1f", s.between(hop[0], hop[1]) / 1e6));
            }
            b.append(hops).append(overlapsGc(s) ? " (GC)" : "").append("; ");
        }
        return b.append('\n').toString();
    }

    private static boolean overlapsGc(Sample s) {
        synchronized (GC_PAUSES) {
            return GC_PAUSES.stream().anyMatch(p -> p[0] - p[1] < s.at[Hops.CONSUMER_COMMIT] && p[0] > s.at[Hops.COMMIT]);
        }
    }

    private static List<Long> values(List<Sample> samples, ToLongFunction<Sample> f) {
        return samples.stream().map(s -> f.applyAsLong(s)).toList();
    }

    private static String row(String name, List<Long> nanos, List<Long> baseline) {
        String ratios = baseline == null ? "| | |" : String.format("| %.1f | %.1f |",
                percentile(nanos, 50) / percentile(baseline, 50), percentile(nanos, 99) / percentile(baseline, 99));
        return String.format("| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms %s%n", name, nanos.size(),
                percentile(nanos, 50) / 1e6, percentile(nanos, 90) / 1e6, percentile(nanos, 99) / 1e6,
                percentile(nanos, 100) / 1e6, ratios);
    }

    /** Nearest rank, as the platform benchmark's. */
    static double percentile(List<Long> values, double p) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void watchGarbageCollections() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    synchronized (GC_PAUSES) {
                        GC_PAUSES.add(new long[] {System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(info.getGcInfo().getDuration())});
                    }
                }
            }, null, null);
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private EventLatencyBenchmark() {
    }
}
