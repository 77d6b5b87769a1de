package io.kaohe.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.Topics;
import io.kaohe.support.rubric.UnitItemsSource;
import io.kaohe.servers.ObjectStore;
import io.kaohe.support.events.EventJson;
import io.kaohe.testsupport.Await;
import io.kaohe.testsupport.GoldenEvents;
import io.kaohe.testsupport.ServiceTestProperties;
import io.kaohe.testsupport.TestServers;
import io.kaohe.testsupport.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One Spring context for every evidence IT (same annotations and property source, so the context
 * cache reuses it): real PostgreSQL, Kafka, Keycloak and s3proxy, small limits so that the bad
 * cases are cheap to provoke. Cycles are opened by publishing CycleOpened as workflow would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(EvidenceIT.Rubric.class)
public abstract class EvidenceIT {

    static final String BUCKET = "kaohe-evidence-it";
    static final long MAX_FILE = 12L * 1024 * 1024;
    static final String MASTER_KEY = "q83vEjRWeJCrze8SNFZ4kA==";
    static final String MASTER_KEY_ID = "it-2026-1";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "evidence");
        ObjectStore store = TestServers.objectStore();
        registry.add("kaohe.evidence.s3.endpoint", store::endpoint);
        registry.add("kaohe.evidence.s3.access-key", store::accessKey);
        registry.add("kaohe.evidence.s3.secret-key", store::secretKey);
        registry.add("kaohe.evidence.s3.bucket", () -> BUCKET);
        registry.add("kaohe.evidence.max-file-size", () -> "12MB");
        registry.add("kaohe.evidence.part-size", () -> "5MB");
        registry.add("kaohe.evidence.unit-quota", () -> "40MB");
        registry.add("kaohe.evidence.text-every", () -> "PT0.5S");
        registry.add("kaohe.evidence.sm3-backfill-delay", () -> "PT24H"); // the tests run it themselves
        // Every evidence IT runs with SM4 encryption at rest on (EvidenceEncryptionIT looks at the stored objects).
        registry.add("kaohe.evidence.encryption.key", () -> MASTER_KEY);
        registry.add("kaohe.evidence.encryption.key-id", () -> MASTER_KEY_ID);
    }

    @TestConfiguration
    static class Rubric {
        @Bean
        @Primary
        UnitItemsSource testUnitItems() {
            return new TestRubric();
        }
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient db;
    @Autowired
    ObjectMapper json;
    @Autowired
    javax.sql.DataSource dataSource;
    @LocalServerPort
    int port;

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    // ------------------------------------------------------------------------------ cycles

    /** Opens a fresh cycle for bz-sjw and bz-zjfy (as workflow would) and waits until the service knows it. */
    String openCycle() {
        LocalDate today = LocalDate.now();
        return openCycle(today.getYear(), List.of(new CycleOpened.Period("Q1", today.minusDays(30), today.plusDays(30)),
                new CycleOpened.Period("Q2", today.minusDays(60), today.minusDays(1))), null);
    }

    /** Opens a fresh cycle with these periods (and a compressed clock, if given), as workflow would. */
    String openCycle(int year, List<CycleOpened.Period> periods, CycleOpened.Clock clock) {
        String cycleId = "it-" + UUID.randomUUID().toString().substring(0, 8);
        CycleOpened cycle = new CycleOpened(cycleId, year, "测试考核周期 " + cycleId, TestRubric.VERSION,
                List.of(new CycleOpened.Unit("bz-sjw", "市纪委（监察局）", "party-dept"),
                        new CycleOpened.Unit("bz-zjfy", "市中级法院", "party-dept")),
                periods, "office", Instant.now(), clock);
        String message = EventJson.write(EventEnvelope.of("/workflow", CycleOpened.TYPE, "cycles/" + cycleId, cycleId,
                null, cycle));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.WORKFLOW, cycleId, message));
            producer.send(new ProducerRecord<>(Topics.WORKFLOW, cycleId, message)); // redelivered: harmless
            producer.flush();
        }
        Await.until(() -> db.sql("select count(*) from cycle_period where cycle_id = :id").param("id", cycleId)
                .query(Integer.class).single() == periods.size(), "cycle " + cycleId + " known");
        return cycleId;
    }

    // ------------------------------------------------------------------------------ HTTP

    /**
     * What an upload says of its file (the query of {@code POST …/files} and {@code …/uploads}): the cycle, the file's
     * name, a date three days back (inside the cycle's current quarter) and the items it evidences, if any.
     */
    static Map<String, Object> described(String cycle, String name, String... items) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("cycleId", cycle);
        query.put("name", name);
        query.put("evidenceDate", LocalDate.now().minusDays(3).toString());
        if (items.length > 0) {
            query.put("item", List.of(items));
        }
        return query;
    }

    ResponseEntity<JsonNode> call(HttpMethod method, String path, String user, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.forUser(user));
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    ResponseEntity<JsonNode> get(String path, String user) {
        return call(HttpMethod.GET, path, user, null);
    }

    /** A raw-body upload as a browser or the CLI sends it: the bytes, the description in the query. */
    HttpResponse<String> rawUpload(String user, String path, Map<String, ?> query, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path, query))
                .header("Authorization", "Bearer " + Tokens.forUser(user))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** What the server answered. */
    record RawResponse(int status, String text) {
    }

    /**
     * Sends only the head of an upload, with {@code Expect: 100-continue} as a careful client does,
     * and returns what the server answers before a single byte of the body was sent.
     */
    RawResponse answerBeforeBody(String user, String path, Map<String, ?> query, long contentLength) {
        URI target = uri(path, query);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST " + target.getRawPath() + "?" + target.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + Tokens.forUser(user) + "\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + contentLength + "\r\n"
                    + "Expect: 100-continue\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new RawResponse(Integer.parseInt(text.substring(9, 12)), text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path, Map<String, ?> query) {
        String q = query.entrySet().stream().flatMap(e -> (e.getValue() instanceof List<?> list ? list : List.of(e.getValue()))
                        .stream().map(v -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        return URI.create("http://127.0.0.1:" + port + path + (q.isEmpty() ? "" : "?" + q));
    }

    JsonNode body(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    // ------------------------------------------------------------------------------ what is stored

    long count(String table) {
        return db.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** The refusals this service recorded in the audit trail so far. */
    long audited() {
        return io.kaohe.testsupport.AuditRecords.refusals(dataSource, "evidence-service");
    }

    /** The refusals with this status of this user's calls whose path (without its query) matches. */
    long refusalsOf(String username, int status, java.util.function.Predicate<String> path) {
        return io.kaohe.testsupport.AuditRecords.matching(dataSource, r -> "evidence-service".equals(r.path("service").asText())
                && "REFUSED".equals(r.path("outcome").asText()) && r.path("status").asInt() == status
                && username.equals(r.path("username").asText())
                && path.test(r.path("path").asText().split("\\?")[0])).size();
    }

    /** A client of the test object store with the service's SDK settings (path style, checksums only where required). */
    public static S3Client s3() {
        ObjectStore store = TestServers.objectStore();
        return S3Client.builder().endpointOverride(URI.create(store.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(store.accessKey(), store.secretKey())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** Every object in the evidence bucket. */
    static List<String> objects() {
        try (S3Client s3 = s3()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).sorted()
                    .toList();
        }
    }

    /** Multipart uploads in progress in the evidence bucket. */
    static List<String> multipartUploads() {
        try (S3Client s3 = s3()) {
            return s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().stream()
                    .map(u -> u.key() + "#" + u.uploadId()).sorted().toList();
        }
    }

    // ------------------------------------------------------------------------------ events

    /** Events on the evidence topic from now on, kept so that several can be awaited in any order. */
    final class Events implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final List<JsonNode> received = new ArrayList<>();

        Events() {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "evidence-it-" + UUID.randomUUID());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of(Topics.EVIDENCE));
        }

        JsonNode await(String type, Predicate<JsonNode> matching) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                for (JsonNode event : received) {
                    if (type.equals(event.get("type").asText()) && matching.test(event)) {
                        GoldenEvents.assertGoldenShape(event.toString());
                        return event;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no matching " + type + " on Kafka; saw "
                            + received.stream().map(e -> e.get("type").asText() + " " + e.get("subject").asText()).toList());
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    try {
                        JsonNode event = json.readTree(record.value());
                        // One unit's events keep their order: the Kafka key is the unit.
                        assertThat(record.key()).isEqualTo(event.get("unitid").asText());
                        received.add(event);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
