package io.kaohe.notification.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.EventType;
import io.kaohe.contracts.events.TaskCreated;
import io.kaohe.support.events.EventJson;
import io.kaohe.testsupport.EventSender;
import io.kaohe.testsupport.ServiceTestProperties;
import io.kaohe.testsupport.TestServers;
import io.kaohe.testsupport.Tokens;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
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

/**
 * What every notification IT shares, so all run in one Spring context: real PostgreSQL, Kafka,
 * Keycloak (the realm's people, read through the admin API with the service's own view-users account)
 * and GreenMail as the SMTP server; the workers' clock can be moved forward (quiet hours, digests).
 * Each test class tells its own people (preferences are per person).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(NotificationITBase.MovableClock.class)
abstract class NotificationITBase {

    static final String WEBHOOK_SECRET = "it-webhook-secret";
    static final ZoneId OFFICES = ZoneId.of("Asia/Shanghai");

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "notification");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> TestServers.mailServer().smtpPort());
        registry.add("kaohe.notifications.poll-every", () -> "PT0.5S");
        registry.add("kaohe.notifications.retry-first", () -> "PT1S");
        registry.add("kaohe.notifications.max-attempts", () -> "3");
        registry.add("kaohe.notifications.portal-url", () -> "http://portal.test/");
        registry.add("kaohe.notifications.webhook.secret", () -> WEBHOOK_SECRET);
        registry.add("kaohe.notifications.webhook.allowed-hosts", () -> "127.0.0.1,qyapi.weixin.qq.com");
    }

    /** Real time, shifted by what a test adds: time goes on, and a test can jump ahead. */
    static final class ShiftedClock extends Clock {
        private volatile Duration shift = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }

        void advance(Duration by) {
            shift = shift.plus(by);
        }
    }

    @TestConfiguration
    static class MovableClock {
        static final ShiftedClock CLOCK = new ShiftedClock();

        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient db;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    ObjectMapper json;

    /** Sends an event as its producer would and returns its envelope (to send it again). */
    static <T> EventEnvelope<T> send(String source, EventType<T> type, String subject, String cycleId, String unitId,
                                     T data) {
        EventEnvelope<T> envelope = EventEnvelope.of(source, type, subject, cycleId, unitId, data);
        send(envelope, type);
        return envelope;
    }

    static <T> void send(EventEnvelope<T> envelope, EventType<T> type) {
        EventSender.send(type.topic(), envelope.key(), EventJson.write(envelope));
    }

    /** A new task of a type no bundle knows, so its name (and the email's subject) is this test's own. */
    static EventEnvelope<TaskCreated> taskCreated(String marker, String unitCode, List<String> groups) {
        String taskId = UUID.randomUUID().toString();
        TaskCreated created = new TaskCreated(taskId, "UserTask_IT_" + marker, "测试待办" + marker + " / test task " + marker,
                "it-2015", unitCode, "Q1", null, null, groups, null, Instant.parse("2015-03-31T16:00:00Z"), Instant.now());
        return send("/workflow", TaskCreated.TYPE, "tasks/" + taskId, "it-2015", unitCode, created);
    }

    static String marker() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    ResponseEntity<JsonNode> call(HttpMethod method, String path, String user, Object body) {
        return call(method, path, user, body, "zh-CN");
    }

    ResponseEntity<JsonNode> call(HttpMethod method, String path, String user, Object body, String language) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.forUser(user));
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    long unread(String user) {
        return call(HttpMethod.GET, "/api/notifications/unread-count", user, null).getBody().get("unread").asLong();
    }

    /** The state of the delivery of an event to a person on a channel, or null when there is none. */
    String deliveryState(String eventId, String username, String channel) {
        return db.sql("select state from delivery where event_id = ? and username = ? and channel = ?")
                .params(eventId, username, channel).query(String.class).optional().orElse(null);
    }

    void awaitDelivery(String eventId, String username, String channel, String state) {
        await().atMost(Duration.ofSeconds(60)).until(() -> state.equals(deliveryState(eventId, username, channel)));
    }

    /** Emails GreenMail received for {@code address} whose subject contains {@code marker}, decoded. */
    List<Mail> mails(String address, String marker) throws Exception {
        List<Mail> found = new ArrayList<>();
        for (JsonNode message : json.readTree(TestServers.mailServer().inbox(address))) {
            MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(message.get("mimeMessage").asText().getBytes(StandardCharsets.UTF_8)));
            if (mime.getSubject() != null && mime.getSubject().contains(marker)) {
                found.add(new Mail(mime.getSubject(), String.valueOf(mime.getContent()), mime.getFrom()[0].toString()));
            }
        }
        return found;
    }

    record Mail(String subject, String text, String from) {
    }

    /** A preferences body with the defaults and the given changes (alternating keys and values). */
    JsonNode preferences(Object... keysAndValues) {
        var node = json.createObjectNode();
        node.put("emailEnabled", true);
        node.put("webhookEnabled", false);
        node.put("digest", false);
        node.put("language", "zh-CN");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], json.valueToTree(keysAndValues[i + 1]));
        }
        return node;
    }
}
