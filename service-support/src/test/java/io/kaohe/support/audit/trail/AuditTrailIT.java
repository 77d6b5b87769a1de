package io.kaohe.support.audit.trail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.support.audit.Sm3;
import io.kaohe.testsupport.AuditRecords;
import io.kaohe.testsupport.ServiceTestProperties;
import io.kaohe.testsupport.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit trail every service keeps, on a real PostgreSQL, Kafka and Keycloak: a committed write has
 * its record (who, roles, what, object, body digest, change, address, trace), written in the write's own
 * transaction; a write that rolls back leaves no success record, only its failure; a refusal is recorded
 * once; an export is recorded with the status it was served with; a plain read is not recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=audit-trail-test", "kaohe.database=audittrail",
                "spring.security.oauth2.resourceserver.jwt.audiences=scoring-service"})
class AuditTrailIT {

    static final String SERVICE = "audit-trail-test";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "audittrail");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient db;
    @Autowired
    DataSource dataSource;

    @Test
    void aCommittedWriteHasItsRecordWithWhoWhatWhereAndTheDigests() throws Exception {
        String body = "{\"text\":\"年度考核 " + System.nanoTime() + "\"}";
        HttpHeaders headers = headers("office");
        headers.set("X-Forwarded-For", "203.0.113.7, 10.0.0.2");
        headers.set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        ResponseEntity<JsonNode> created = http.exchange("/api/notes", HttpMethod.POST, new HttpEntity<>(body, headers),
                JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = created.getBody().get("id").asText();

        List<JsonNode> records = records(r -> id.equals(r.path("objectId").asText()));
        assertThat(records).hasSize(1);
        JsonNode r = records.get(0);
        assertThat(r.path("category").asText()).isEqualTo("WRITE");
        assertThat(r.path("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(r.path("status").isNull()).as("recorded at its commit, before the answer").isTrue();
        assertThat(r.path("username").asText()).isEqualTo("office");
        assertThat(r.path("roles")).extracting(JsonNode::asText).contains("office-admin");
        assertThat(r.path("department").asText()).isEqualTo("kaohebang");
        assertThat(r.path("method").asText()).isEqualTo("POST");
        assertThat(r.path("route").asText()).isEqualTo("/api/notes");
        assertThat(r.path("verb").asText()).isEqualTo("write-note");
        assertThat(r.path("objectType").asText()).isEqualTo("note");
        byte[] sent = body.getBytes(StandardCharsets.UTF_8);
        assertThat(r.path("requestDigest").asText()).isEqualTo(Sm3.hex(sent));
        assertThat(r.path("requestBytes").asLong()).isEqualTo(sent.length);
        assertThat(r.path("before").isNull()).isTrue();
        assertThat(r.path("after").asText()).contains("年度考核");
        assertThat(r.path("afterDigest").asText()).isEqualTo(Sm3.hex(r.path("after").asText()));
        assertThat(r.path("clientAddress").asText()).isEqualTo("203.0.113.7");
        assertThat(r.path("forwardedFor").asText()).isEqualTo("203.0.113.7, 10.0.0.2");
        assertThat(r.path("peerAddress").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(r.path("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(r.path("service").asText()).isEqualTo(SERVICE);
    }

    @Test
    void aWriteThatRollsBackLeavesNoSuccessRecordOnlyItsFailure() {
        String text = "作废 " + System.nanoTime();
        ResponseEntity<JsonNode> refused = http.exchange("/api/notes/refused", HttpMethod.POST,
                new HttpEntity<>("{\"text\":\"" + text + "\"}", headers("office")), JsonNode.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(db.sql("select count(*) from note where text = ?").param(text).query(Long.class).single()).isZero();

        List<JsonNode> records = records(r -> "/api/notes/refused".equals(r.path("path").asText()));
        assertThat(records).extracting(r -> r.path("outcome").asText()).doesNotContain("SUCCESS").contains("FAILED");
        JsonNode failed = records.get(records.size() - 1);
        assertThat(failed.path("status").asInt()).isEqualTo(400);
        assertThat(failed.path("reason").asText()).isEqualTo("notes.refused");
        assertThat(failed.path("username").asText()).isEqualTo("office");
    }

    @Test
    void everyRefusalIsRecordedOnceInATransactionOfItsOwn() {
        String id = write("留档");
        long before = AuditRecords.refusals(dataSource, SERVICE);

        assertThat(http.exchange("/api/notes/" + id, HttpMethod.DELETE, new HttpEntity<>(headers("office")),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.exchange("/api/notes/" + id, HttpMethod.DELETE, HttpEntity.EMPTY, JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.exchange("/api/notes/" + id + "/hidden", HttpMethod.GET, new HttpEntity<>(headers("reporter.sjw")),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        assertThat(AuditRecords.refusals(dataSource, SERVICE)).isEqualTo(before + 3);
        List<JsonNode> mine = records(r -> r.path("path").asText().contains(id) && !"WRITE".equals(r.path("category").asText()));
        assertThat(mine).extracting(r -> r.path("outcome").asText() + " " + r.path("status").asInt() + " "
                        + r.path("username").asText(null) + " " + r.path("method").asText())
                .containsExactlyInAnyOrder("REFUSED 403 office DELETE", "REFUSED 401 null DELETE",
                        "REFUSED 404 reporter.sjw GET");
        assertThat(mine).allSatisfy(r -> assertThat(r.path("category").asText()).isEqualTo("REFUSAL"));
    }

    @Test
    void anExportIsRecordedWithTheStatusItWasServedWithAndAPlainReadIsNot() {
        String id = write("导出内容");
        ResponseEntity<byte[]> export = http.exchange("/api/notes/" + id + "/export", HttpMethod.GET,
                new HttpEntity<>(headers("leader")), byte[].class);
        assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(new String(export.getBody(), StandardCharsets.UTF_8)).isEqualTo("导出内容");
        assertThat(http.exchange("/api/notes/" + id, HttpMethod.GET, new HttpEntity<>(headers("leader")),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        List<JsonNode> records = records(r -> id.equals(r.path("objectId").asText())
                && "leader".equals(r.path("username").asText()));
        assertThat(records).hasSize(1);
        JsonNode r = records.get(0);
        assertThat(r.path("category").asText()).isEqualTo("EXPORT");
        assertThat(r.path("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(r.path("status").asInt()).isEqualTo(200);
        assertThat(r.path("verb").asText()).isEqualTo("export");
        assertThat(r.path("objectType").asText()).isEqualTo("note");
        assertThat(r.path("route").asText()).isEqualTo("/api/notes/{noteId}/export");
    }

    private String write(String text) {
        ResponseEntity<JsonNode> created = http.exchange("/api/notes", HttpMethod.POST,
                new HttpEntity<>("{\"text\":\"" + text + "\"}", headers("office")), JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return created.getBody().get("id").asText();
    }

    private List<JsonNode> records(java.util.function.Predicate<JsonNode> which) {
        // The export's record is written when its streaming completes, just after the client has the last byte.
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<JsonNode> found = AuditRecords.matching(dataSource, r -> SERVICE.equals(r.path("service").asText()) && which.test(r));
        while (found.isEmpty() && System.nanoTime() < deadline) {
            sleep();
            found = AuditRecords.matching(dataSource, r -> SERVICE.equals(r.path("service").asText()) && which.test(r));
        }
        return found;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpHeaders headers(String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.forUser(user));
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }
}
