package io.kaohe.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.testsupport.Await;
import io.kaohe.testsupport.ServiceTestProperties;
import io.kaohe.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * A request's W3C trace goes with its event through the outbox and Kafka to the consumer, on a real
 * PostgreSQL and a real broker: the consumer's log lines carry the trace id the caller sent, whether
 * the event left right after commit or was resubmitted later by the outbox job on another thread.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracePropagationIT {

    private static final String DATABASE = TestServers.database("tracing");
    private static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theConsumerAndASlowRequestLogInTheRequestsTrace(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext service = start(TestServers.kafkaBootstrapServers(),
                "--kaohe.slow-request-after=300ms")) {
            String traceId = newTraceId();
            String noteId = writeNote(service, traceId, "本年度考核");

            Await.until(() -> TracingTestApplication.CONSUMED_IN_TRACE.containsKey(noteId), "the note's event to be consumed");
            assertThat(TracingTestApplication.CONSUMED_IN_TRACE.get(noteId)).isEqualTo(traceId);
            // Plain log lines carry "[trace id,span id]": the request's line and the consumer's line, same trace.
            assertThat(output.getOut().lines().filter(line -> line.contains("wrote note " + noteId)))
                    .singleElement().asString().contains("[" + traceId + ",");
            assertThat(output.getOut().lines().filter(line -> line.contains("received note " + noteId)))
                    .singleElement().asString().contains("[" + traceId + ",");

            // On the management port, as the services' (the application's port answers 401).
            String metrics = get("http://127.0.0.1:" + service.getEnvironment().getProperty("local.management.port"),
                    "/actuator/prometheus");
            assertThat(metrics)
                    .contains("http_server_requests_seconds_bucket{")
                    .contains("application=\"tracing-test\"")
                    .containsPattern("kaohe_events_published_total\\{[^}]*outcome=\"sent\"[^}]*topic=\"kaohe.rubric.events\"")
                    .contains("kaohe_outbox_backlog{")
                    .contains("kaohe_outbox_oldest_age_seconds{")
                    .contains("spring_kafka_listener_seconds_bucket{")
                    .contains("spring_kafka_template_seconds_count{");
            // The dashboards and alerts (deploy/observability) use these names: a service really exposes them.
            for (String name : serviceMetricsTheDashboardsUse()) {
                assertThat(metrics).as("the dashboards' metric " + name).containsPattern("(?m)^" + name + "\\{");
            }

            // A request unanswered after kaohe.slow-request-after is logged in its trace, with its thread's stack.
            String slowTrace = newTraceId();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(base(service) + "/api/tracing-test/slow?millis=1500"))
                    .header("traceparent", "00-" + slowTrace + "-" + HexFormat.of().toHexDigits(1L) + "-01").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("late");
            String log = output.getOut();
            // While it runs: the request, its trace, and where its thread is (the endpoint's sleep).
            assertThat(log).containsPattern("\\[" + slowTrace + ",[^\\]]*\\] .*slow request: GET /api/tracing-test/slow "
                    + "still unanswered after 300 ms; its thread \\S+ is at:\\R(\\s+at .*\\R)*?\\s+at "
                    + "[^\\n]*TracingTestApplication\\$NotesApi\\.dawdle");
            // When answered (logged once the answer is sent): how long it took in all.
            Await.until(() -> output.getOut().contains("slow request: GET /api/tracing-test/slow answered"), "the answered line");
            assertThat(output.getOut()).containsPattern("\\[" + slowTrace + ",[^\\]]*\\] .*slow request: GET /api/tracing-test/slow "
                    + "answered 200 after \\d{4,} ms");
        }
    }

    @Test
    void anEventResubmittedLaterStillContinuesTheRequestsTrace() throws Exception {
        String traceId = newTraceId();
        String noteId;
        // The broker is unreachable: the change commits, its event stays in the outbox.
        try (ConfigurableApplicationContext offline = start("127.0.0.1:9", "--spring.kafka.admin.operation-timeout=2s")) {
            noteId = writeNote(offline, traceId, "断网时写入");
            JdbcClient db = offline.getBean(JdbcClient.class);
            Await.until(() -> db.sql("select count(*) from event_publication where completion_date is null "
                    + "and serialized_event like ?").param("%" + noteId + "%").query(Long.class).single() >= 1,
                    "the unsent publication");
            // Old enough for the resubmission job (it leaves publications younger than 30 s to their sender).
            db.sql("update event_publication set publication_date = now() - interval '1 minute'").update();
        }
        try (ConfigurableApplicationContext online = start(TestServers.kafkaBootstrapServers())) {
            // From the test's own thread, in no trace at all: as the scheduler runs it.
            ReflectionTestUtils.invokeMethod(online.getBean("outboxResubmission"), "resubmit");
            Await.until(() -> TracingTestApplication.CONSUMED_IN_TRACE.containsKey(noteId), "the resubmitted event");
            assertThat(TracingTestApplication.CONSUMED_IN_TRACE.get(noteId)).isEqualTo(traceId);
        }
    }

    /** The names deploy/observability/metrics.txt marks with * (every service exposes them). */
    private static List<String> serviceMetricsTheDashboardsUse() throws Exception {
        Path list = Path.of(System.getProperty("kaohe.root", "..")).resolve("deploy/observability/metrics.txt");
        List<String> names = Files.readAllLines(list).stream().map(String::strip)
                .filter(line -> !line.startsWith("#") && line.endsWith("*"))
                .map(line -> line.split("\\s+")[0]).toList();
        assertThat(names).isNotEmpty();
        return names;
    }

    private static String writeNote(ConfigurableApplicationContext service, String traceId, String text) throws Exception {
        String parentSpan = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        HttpRequest request = HttpRequest.newBuilder(URI.create(base(service) + "/api/tracing-test/notes?text="
                        + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)))
                .header("traceparent", "00-" + traceId + "-" + parentSpan + "-01")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String get(String base, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static String base(ConfigurableApplicationContext service) {
        return "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
    }

    private static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    private static ConfigurableApplicationContext start(String kafka, String... more) {
        String[] tracing = Stream.concat(Stream.of("--spring.application.name=tracing-test",
                "--kaohe.api.base-path=/api/tracing-test"), Stream.of(more)).toArray(String[]::new);
        return new SpringApplicationBuilder(TracingTestApplication.class)
                .run(ServiceTestProperties.arguments(DATABASE, kafka, tracing));
    }

}
