package io.kaohe.notification.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.TaskCreated;
import io.kaohe.notification.channels.WebhookChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Webhooks and 企业微信/政务微信 group robots, received by a real HTTP server on this machine: the
 * generic webhook's JSON and signature, the robot's markdown, retries with back-off after a failing
 * receiver, FAILED with the reason after the last try.
 */
class ChannelsIT extends NotificationITBase {

    record Received(String path, Map<String, String> headers, String body) {
    }

    static HttpServer receiver;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().toString();
            received.add(new Received(path, Map.of(
                    "timestamp", String.valueOf(exchange.getRequestHeaders().getFirst(WebhookChannel.TIMESTAMP)),
                    "signature", String.valueOf(exchange.getRequestHeaders().getFirst(WebhookChannel.SIGNATURE))), body));
            AtomicInteger failing = failuresLeft.get(exchange.getRequestURI().getPath());
            boolean fail = failing != null && failing.getAndDecrement() > 0;
            byte[] answer = (path.contains("/cgi-bin/webhook/send") ? "{\"errcode\":0,\"errmsg\":\"ok\"}" : "{}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 500 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().startsWith(path)).toList();
    }

    @Test
    void aWebhookReceivesTheNotificationSignedAfterItsReceiverFailedTwice() throws Exception {
        failuresLeft.put("/hooks/fpymj", new AtomicInteger(2));
        assertThat(call(HttpMethod.PUT, "/api/notifications/preferences", "reviewer.fpymj", preferences(
                "emailEnabled", false, "webhookEnabled", true, "webhookUrl", url("/hooks/fpymj"),
                "webhookFormat", "GENERIC")).getStatusCode()).isEqualTo(HttpStatus.OK);
        String marker = marker();
        EventEnvelope<TaskCreated> created = taskCreated(marker, null, List.of("dept-reviewer:sfpymj"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "RETRYING".equals(deliveryState(created.id(), "reviewer.fpymj", "WEBHOOK")));
        assertThat(db.sql("select last_error from delivery where event_id = ? and channel = 'WEBHOOK'").param(created.id())
                .query(String.class).single()).startsWith("webhook answered HTTP 500");
        awaitDelivery(created.id(), "reviewer.fpymj", "WEBHOOK", "SENT");
        assertThat(db.sql("select attempts from delivery where event_id = ? and channel = 'WEBHOOK'").param(created.id())
                .query(Integer.class).single()).isEqualTo(3);
        assertThat(deliveryState(created.id(), "reviewer.fpymj", "EMAIL")).as("emails turned off").isNull();

        List<Received> calls = at("/hooks/fpymj");
        assertThat(calls).hasSize(3);
        Received last = calls.get(2);
        String expected = "sha256=" + WebhookChannel.sign(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8),
                last.headers().get("timestamp") + "." + last.body());
        assertThat(last.headers().get("signature")).isEqualTo(expected);
        assertThat(WebhookChannel.sign("another-secret".getBytes(StandardCharsets.UTF_8),
                last.headers().get("timestamp") + "." + last.body())).isNotEqualTo(expected.substring(7));
        JsonNode body = json.readTree(last.body());
        assertThat(body.get("username").asText()).isEqualTo("reviewer.fpymj");
        JsonNode notification = body.get("notifications").get(0);
        assertThat(notification.get("id").asText()).isEqualTo(created.id());
        assertThat(notification.get("kind").asText()).isEqualTo("TASK_CREATED");
        assertThat(notification.get("title").asText()).isEqualTo("新待办：测试待办" + marker);
        assertThat(notification.get("link").asText()).isEqualTo("http://portal.test/#/inbox?task=" + created.data().taskId());
    }

    @Test
    void aGroupRobotGetsAMarkdownMessage() throws Exception {
        assertThat(call(HttpMethod.PUT, "/api/notifications/preferences", "reviewer.swzzb", preferences(
                "emailEnabled", false, "webhookEnabled", true, "webhookUrl", url("/cgi-bin/webhook/send?key=it-robot"),
                "webhookFormat", "WECOM_ROBOT")).getStatusCode()).isEqualTo(HttpStatus.OK);
        String marker = marker();
        EventEnvelope<TaskCreated> created = taskCreated(marker, null, List.of("dept-reviewer:swzzb"));
        awaitDelivery(created.id(), "reviewer.swzzb", "WECOM_ROBOT", "SENT");

        Received robot = at("/cgi-bin/webhook/send").stream().filter(r -> r.body().contains(marker)).findFirst().orElseThrow();
        assertThat(robot.path()).isEqualTo("/cgi-bin/webhook/send?key=it-robot");
        JsonNode body = json.readTree(robot.body());
        assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.get("markdown").get("content").asText())
                .startsWith("**新待办：测试待办" + marker + "**\n> ")
                .endsWith("(http://portal.test/#/inbox?task=" + created.data().taskId() + ")");
    }

    @Test
    void aReceiverThatKeepsFailingLeavesTheDeliveryFailedWithTheReason() {
        failuresLeft.put("/hooks/inspector", new AtomicInteger(100));
        call(HttpMethod.PUT, "/api/notifications/preferences", "inspector.1", preferences(
                "emailEnabled", false, "webhookEnabled", true, "webhookUrl", url("/hooks/inspector")));
        EventEnvelope<TaskCreated> created = taskCreated(marker(), "bz-sjw", List.of("inspector:bz-sjw"));
        awaitDelivery(created.id(), "inspector.1", "WEBHOOK", "FAILED");
        assertThat(db.sql("select attempts from delivery where event_id = ? and channel = 'WEBHOOK'").param(created.id())
                .query(Integer.class).single()).as("max-attempts").isEqualTo(3);
        assertThat(at("/hooks/inspector")).hasSize(3);

        JsonNode log = call(HttpMethod.GET, "/api/notifications/deliveries?eventId=" + created.id() + "&channel=WEBHOOK",
                "office", null).getBody();
        assertThat(log.get("items")).singleElement().satisfies(entry -> {
            assertThat(entry.get("state").asText()).isEqualTo("FAILED");
            assertThat(entry.get("lastError").asText()).isEqualTo("webhook answered HTTP 500: {}");
            assertThat(entry.get("username").asText()).isEqualTo("inspector.1");
        });
    }

    @Test
    void aWebhookToAHostNotAllowedIsRefusedAtItsField() {
        var refused = call(HttpMethod.PUT, "/api/notifications/preferences", "reviewer.fpymj", preferences(
                "webhookEnabled", true, "webhookUrl", "http://10.0.0.1/internal", "quietStart", "22:00"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("errors")).extracting(e -> e.get("location").asText())
                .containsExactlyInAnyOrder("webhookUrl", "quietEnd");
        assertThat(refused.getBody().get("errors").get(0).get("message").asText()).contains("10.0.0.1");
    }

    /** The probes of issue 15 §6: each a located 400 (or 413), never a 500. */
    @Test
    void probedPreferencesAreRefusedAtTheirField() {
        String path = "/api/notifications/preferences";
        var longUrl = call(HttpMethod.PUT, path, "reviewer.fpymj", preferences(
                "webhookEnabled", true, "webhookUrl", "https://hooks.example/" + "x".repeat(1 << 20)));
        assertThat(longUrl.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(longUrl.getBody().get("errors")).extracting(e -> e.get("location").asText()).containsExactly("webhookUrl");
        assertThat(longUrl.getBody().toString().length()).isLessThan(5_000);

        var language = call(HttpMethod.PUT, path, "reviewer.fpymj", preferences("language", "a'; select pg_sleep(5);--"));
        assertThat(language.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(language.getBody().get("errors")).extracting(e -> e.get("location").asText()).containsExactly("language");

        var badTime = call(HttpMethod.PUT, path, "reviewer.fpymj", preferences("quietStart", "25:99", "quietEnd", "07:00"));
        assertThat(badTime.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badTime.getBody().get("errors")).extracting(e -> e.get("location").asText()).containsExactly("quietStart");

        var unknown = call(HttpMethod.PUT, path, "reviewer.fpymj", preferences("colour", "red"));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().get("errors")).extracting(e -> e.get("location").asText()).containsExactly("colour");

        var tooLarge = call(HttpMethod.PUT, path, "reviewer.fpymj", preferences("webhookUrl", "x".repeat(3 << 20)));
        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(tooLarge.getBody().get("code").asText()).isEqualTo("platform.body-too-large");
    }
}
