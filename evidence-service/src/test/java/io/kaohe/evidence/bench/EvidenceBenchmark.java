package io.kaohe.evidence.bench;

import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.Topics;
import io.kaohe.evidence.EvidenceIT;
import io.kaohe.servers.ObjectStore;
import io.kaohe.support.events.EventJson;
import io.kaohe.testsupport.TestServers;
import io.kaohe.testsupport.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Upload and download throughput of evidence-service, not a test: the service runs as its own JVM
 * with {@code -Xmx256m} from the packaged jar, against the real servers (PostgreSQL, Kafka,
 * Keycloak, s3proxy on the local disk). Figures are printed next to a plain disk write of the same
 * size measured in the same run ({@code dd ... conv=fdatasync}), and the service's heap is sampled
 * over JMX every 20 ms. See docs/benchmarks/evidence-service.md for how to run it.
 */
public final class EvidenceBenchmark {

    private static final long MB = 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private EvidenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long bigSize = Long.getLong("bench.big.mb", 1024) * MB;
        int concurrent = Integer.getInteger("bench.concurrent", 10);
        long eachSize = Long.getLong("bench.each.mb", 100) * MB;
        Path root = TestServers.projectRoot();
        Path work = root.resolve("evidence-service/target/bench");
        Files.createDirectories(work);

        System.out.println("starting the real servers …");
        String jdbc = TestServers.database("evidence_bench");
        TestServers.Database pg = TestServers.postgres();
        String kafka = TestServers.kafkaBootstrapServers();
        ObjectStore store = TestServers.objectStore();
        String issuer = Tokens.issuer();

        int port = freePort();
        int managementPort = freePort();
        int jmxPort = freePort();
        Path jar = root.resolve("evidence-service/target/evidence-service.jar");
        ProcessBuilder service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                "-Djava.rmi.server.hostname=127.0.0.1", "-jar", jar.toString());
        Map<String, String> env = service.environment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("DB_URL", jdbc);
        env.put("DB_USER", pg.user());
        env.put("DB_PASSWORD", pg.password());
        env.put("KAFKA_BOOTSTRAP", kafka);
        env.put("ISSUER_URI", issuer);
        env.put("S3_ENDPOINT", store.endpoint());
        env.put("S3_ACCESS_KEY", store.accessKey());
        env.put("S3_SECRET_KEY", store.secretKey());
        env.put("S3_BUCKET", "kaohe-evidence-bench");
        env.put("EVIDENCE_MAX_FILE_SIZE", (bigSize / MB + 1) + "MB");
        env.put("EVIDENCE_UNIT_QUOTA", "1TB");
        // -Dbench.encryption.key=<base64 of 16 bytes>: the same run with SM4 encryption at rest on.
        String encryptionKey = System.getProperty("bench.encryption.key");
        if (encryptionKey != null) {
            env.put("EVIDENCE_ENCRYPTION_KEY", encryptionKey);
            env.put("EVIDENCE_ENCRYPTION_KEY_ID", "bench");
        }
        System.out.println("SM4 encryption at rest: " + (encryptionKey == null ? "off" : "on"));
        service.redirectErrorStream(true).redirectOutput(work.resolve("service.log").toFile());
        Process process = service.start();
        try {
            awaitHealthy(managementPort);
            try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(
                    "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"))) {
                Heap heap = new Heap(jmx.getMBeanServerConnection());
                String cycle = openCycle(kafka, jdbc, pg);
                run(port, issuer, cycle, work, heap, bigSize, concurrent, eachSize);
            }
        } finally {
            process.destroy();
            process.waitFor();
        }
        System.exit(0);
    }

    private static void run(int port, String issuer, String cycle, Path work, Heap heap, long bigSize, int concurrent,
                            long eachSize) throws Exception {
        Path big = work.resolve("big.bin");
        // Other bytes with encryption on, so that a run after a run without it does not find them stored already.
        write(big, bigSize, System.getProperty("bench.encryption.key") == null ? 1 : 2);
        List<Path> many = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
            Path file = work.resolve("each-" + i + ".bin");
            write(file, eachSize, 100 + i);
            many.add(file);
        }

        System.out.println("load average at the start: " + load());
        double ddSeconds = dd(work.resolve("dd.bin"), bigSize);
        double ddRate = bigSize / MB / ddSeconds;
        System.out.printf("baseline  dd of %d MB (conv=fdatasync): %.2f s = %.0f MB/s%n", bigSize / MB, ddSeconds, ddRate);

        double storeSeconds = directToStore(big, bigSize);
        double storeRate = bigSize / MB / storeSeconds;
        System.out.printf("baseline  the store itself, %d MB in one streamed PUT from this JVM: %.2f s = %.0f MB/s, "
                + "%.2f of dd%n", bigSize / MB, storeSeconds, storeRate, storeRate / ddRate);

        heap.reset();
        long t0 = System.nanoTime();
        HttpResponse<String> uploaded = HTTP.send(upload(port, issuer, cycle, "big.pdf", big),
                HttpResponse.BodyHandlers.ofString());
        double upSeconds = seconds(t0);
        check(uploaded.statusCode() == 201, "upload answered " + uploaded.statusCode() + ": " + uploaded.body());
        long upHeap = heap.peak();
        String id = uploaded.body().replaceAll(".*\"evidenceId\":\"([^\"]+)\".*", "$1");
        double upRate = bigSize / MB / upSeconds;
        System.out.printf("upload    %d MB: %.2f s = %.0f MB/s, %.2f of dd, %.2f of the store; peak heap %d MB "
                        + "(pools' peak sum %d MB)%n", bigSize / MB, upSeconds, upRate, upRate / ddRate,
                upRate / storeRate, upHeap / MB, heap.poolPeaks() / MB);

        heap.reset();
        Path downloaded = work.resolve("downloaded.bin");
        t0 = System.nanoTime();
        HttpResponse<Path> download = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/evidence/files/" + id + "/content"))
                .header("Authorization", "Bearer " + token(issuer)).build(), HttpResponse.BodyHandlers.ofFile(downloaded));
        try (var channel = java.nio.channels.FileChannel.open(downloaded, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        double downSeconds = seconds(t0);
        check(download.statusCode() == 200 && Files.size(downloaded) == bigSize, "download failed");
        long downHeap = heap.peak();
        double downRate = bigSize / MB / downSeconds;
        System.out.printf("download  %d MB: %.2f s = %.0f MB/s, %.2f of dd; peak heap %d MB (pools' peak sum %d MB)%n",
                bigSize / MB, downSeconds, downRate, downRate / ddRate, downHeap / MB, heap.poolPeaks() / MB);
        Files.delete(downloaded);

        heap.reset();
        t0 = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < many.size(); i++) {
            sent.add(HTTP.sendAsync(upload(port, issuer, cycle, "each-" + i + ".pdf", many.get(i)),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : sent) {
            check(response.get().statusCode() == 201, "concurrent upload answered " + response.get().statusCode());
        }
        double manySeconds = seconds(t0);
        long total = eachSize * many.size();
        System.out.printf("parallel  %d x %d MB: %.2f s = %.0f MB/s in total, %.2f of dd; peak heap %d MB "
                        + "(pools' peak sum %d MB)%n", many.size(), eachSize / MB, manySeconds, total / MB / manySeconds,
                total / MB / manySeconds / ddRate, heap.peak() / MB, heap.poolPeaks() / MB);
        System.out.println("load average at the end: " + load());
        double ddAfter = dd(work.resolve("dd.bin"), bigSize);
        System.out.printf("baseline  dd again at the end: %.2f s = %.0f MB/s%n", ddAfter, bigSize / MB / ddAfter);
        for (Path file : many) {
            Files.delete(file);
        }
        Files.delete(big);
    }

    /** The same bytes straight into the store as one streamed PUT with the service's SDK settings: the store's own rate. */
    private static double directToStore(Path file, long size) throws IOException {
        try (S3Client s3 = EvidenceIT.s3();
             InputStream in = Files.newInputStream(file)) {
            long t0 = System.nanoTime();
            String key = "baseline/" + System.nanoTime();
            s3.putObject(b -> b.bucket("kaohe-evidence-bench").key(key).contentLength(size),
                    RequestBody.fromContentProvider(ContentStreamProvider.fromInputStream(in), size,
                            "application/octet-stream"));
            double seconds = seconds(t0);
            s3.deleteObject(b -> b.bucket("kaohe-evidence-bench").key(key));
            return seconds;
        }
    }

    /** The machine's load average (1, 5, 15 minutes), which every figure here depends on. */
    private static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static HttpRequest upload(int port, String issuer, String cycle, String name, Path file) throws IOException {
        String query = "cycleId=" + cycle + "&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&evidenceDate="
                + LocalDate.now();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/evidence/units/bz-sjw/files?" + query))
                .header("Authorization", "Bearer " + token(issuer))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
    }

    private static String token(String issuer) {
        return Tokens.tokenFor(issuer, "reporter.sjw", "demo");
    }

    /** Samples the service's heap: the highest "used" seen, and the pools' own peak counters. */
    static final class Heap {
        private final MemoryMXBean memory;
        private final List<MemoryPoolMXBean> pools = new ArrayList<>();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);

        Heap(MBeanServerConnection connection) throws IOException {
            memory = ManagementFactory.newPlatformMXBeanProxy(connection, ManagementFactory.MEMORY_MXBEAN_NAME,
                    MemoryMXBean.class);
            for (MemoryPoolMXBean pool : ManagementFactory.getPlatformMXBeans(connection, MemoryPoolMXBean.class)) {
                if (pool.getType() == MemoryType.HEAP) {
                    pools.add(pool);
                }
            }
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        void reset() {
            memory.gc();
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            peak.set(0);
        }

        long peak() {
            return peak.get();
        }

        long poolPeaks() {
            return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        }
    }

    private static String openCycle(String kafka, String jdbc, TestServers.Database pg) throws Exception {
        String cycleId = "bench-" + System.currentTimeMillis();
        LocalDate today = LocalDate.now();
        CycleOpened cycle = new CycleOpened(cycleId, today.getYear(), "benchmark", "bench-rubric",
                List.of(new CycleOpened.Unit("bz-sjw", "市纪委（监察局）", "party-dept")),
                List.of(new CycleOpened.Period("YEAR", today.minusDays(1), today.plusDays(30))), "bench", Instant.now());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.WORKFLOW, cycleId, EventJson.write(EventEnvelope.of("/workflow",
                    CycleOpened.TYPE, "cycles/" + cycleId, cycleId, null, cycle)))).get();
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try (var connection = DriverManager.getConnection(jdbc, pg.user(), pg.password());
                 ResultSet rs = connection.createStatement().executeQuery(
                         "select count(*) from cycle_unit where cycle_id = '" + cycleId + "'")) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    return cycleId;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not take up the cycle");
    }

    private static double dd(Path target, long size) throws Exception {
        long t0 = System.nanoTime();
        Process dd = new ProcessBuilder("dd", "if=/dev/zero", "of=" + target, "bs=1M", "count=" + size / MB,
                "conv=fdatasync").redirectErrorStream(true).start();
        dd.getInputStream().readAllBytes();
        check(dd.waitFor() == 0, "dd failed");
        double seconds = seconds(t0);
        Files.delete(target);
        return seconds;
    }

    /** A file of random-looking bytes behind a PDF header; every megabyte distinct, so nothing dedupes. */
    private static void write(Path file, long size, long seed) throws IOException {
        byte[] block = new byte[(int) (16 * MB)];
        new Random(seed).nextBytes(block);
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, block, 0, header.length);
        try (OutputStream out = Files.newOutputStream(file)) {
            long written = 0;
            long n = 0;
            while (written < size) {
                int length = (int) Math.min(block.length, size - written);
                for (int mb = 1; mb < length / MB; mb++) {
                    long mark = seed * 1_000_000_007L + n++;
                    for (int b = 0; b < 8; b++) {
                        block[(int) (mb * MB) + b] = (byte) (mark >>> (8 * b));
                    }
                }
                out.write(block, 0, length);
                written += length;
            }
        }
    }

    /** Health is answered on the management port only. */
    private static void awaitHealthy(int managementPort) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                        + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("evidence-service did not start; see target/bench/service.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
