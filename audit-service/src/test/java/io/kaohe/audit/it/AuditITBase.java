package io.kaohe.audit.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.AuditRecorded;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.support.events.EventJson;
import io.kaohe.testsupport.EventSender;
import io.kaohe.testsupport.ServiceTestProperties;
import io.kaohe.testsupport.TestServers;
import io.kaohe.testsupport.Tokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the audit-service ITs share (one Spring context): real PostgreSQL, Kafka and Keycloak. The
 * service's own connections work as the append-only role; {@link #owner()} is the migrating superuser.
 * The schedules are slowed down: tests import and archive when they mean to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kaohe.audit.keycloak.import-every=PT1H", "kaohe.audit.archive-every=PT1H",
                "kaohe.audit.verify-first-after=PT1H"})
abstract class AuditITBase {

    static final String DATABASE = "audit";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, DATABASE);
        registry.add("spring.flyway.user", () -> TestServers.postgres().user());
        registry.add("spring.flyway.password", () -> TestServers.postgres().password());
        registry.add("kaohe.audit.archive-dir", () -> "target/audit-archive-it");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient db;

    /** Sends a service's audit record as its outbox would; returns the envelope (to send it again). */
    static EventEnvelope<AuditRecorded> send(AuditRecorded record) {
        EventEnvelope<AuditRecorded> envelope = EventEnvelope.of("/" + record.service(), AuditRecorded.TYPE,
                "audit/" + record.service(), record.cycleId(), record.unitCode(), record);
        send(envelope);
        return envelope;
    }

    static void send(EventEnvelope<AuditRecorded> envelope) {
        EventSender.send(AuditRecorded.TYPE.topic(), envelope.key(), EventJson.write(envelope));
    }

    static AuditRecorded record(String service, String username, String unit, String outcome, String verb, String reason) {
        return new AuditRecorded(service, "WRITE", outcome, "REFUSED".equals(outcome) ? 403 : null, reason, username,
                List.of("dept-reviewer"), null, unit, List.of(), "POST", "/api/scoring/cycles/{cycleId}/decisions",
                "/api/scoring/cycles/2025-it/decisions", verb, "decision", "d-" + System.nanoTime(), "2025-it", "bz-sjw",
                "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b", 118L, null, "{\"amount\":0.5}",
                null, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", "10.20.30.40",
                "10.20.30.40", "127.0.0.1", "4bf92f3577b34da6a3ce929d0e0e4736", Instant.now());
    }

    long seqOf(String eventId) {
        return db.sql("select seq from audit_record where event_id = ?").param(eventId).query(Long.class).single();
    }

    long countOf(String eventId) {
        return db.sql("select count(*) from audit_record where event_id = ?").param(eventId).query(Long.class).single();
    }

    /** The migrating superuser, who owns the tables (and could disable their triggers). */
    static Connection owner() throws SQLException {
        TestServers.Database pg = TestServers.postgres();
        return DriverManager.getConnection(pg.jdbcUrl(DATABASE), pg.user(), pg.password());
    }

    ResponseEntity<JsonNode> call(HttpMethod method, String path, String user) {
        HttpHeaders headers = new HttpHeaders();
        if (user != null) {
            headers.setBearerAuth(Tokens.forUser(user));
        }
        return http.exchange(path, method, new HttpEntity<>(headers), JsonNode.class);
    }

    ResponseEntity<byte[]> bytes(String path, String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.forUser(user));
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
    }
}
