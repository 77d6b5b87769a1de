package io.kaohe.rubric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.events.Topics;
import io.kaohe.testsupport.PublishedEvents;
import io.kaohe.testsupport.ServiceTestProperties;
import io.kaohe.testsupport.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * What every integration test of the service shares, declared once so that all of them run in
 * one Spring context against the real servers: PostgreSQL, Kafka, Keycloak with the platform realm,
 * and the demo data loaded as the local platform loads it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kaohe.demo-data=true", "kaohe.rubric.import.max-bytes=1048576"})
public abstract class RubricIntegrationTest {

    protected static final long IMPORT_LIMIT = 1048576;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "rubric");
    }

    @Autowired
    protected TestRestTemplate http;
    /** Where the OpenAPI document and the metrics answer (never the application port). */
    @org.springframework.boot.test.web.server.LocalManagementPort
    protected int managementPort;
    @Autowired
    protected JdbcClient db;
    @Autowired
    protected ObjectMapper json;
    @Autowired
    protected javax.sql.DataSource dataSource;

    protected static String office() {
        return Tokens.forUser("office");
    }

    /** A token of the services' own client (realm role service), as RubricApi uses. */
    protected static String service() {
        return Tokens.forClient(Tokens.issuer(), "kaohe-services", "kaohe-services-local-secret");
    }

    protected ResponseEntity<JsonNode> call(HttpMethod method, String path, String token, Object body) {
        HttpHeaders headers = bearer(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    protected ResponseEntity<JsonNode> call(HttpMethod method, String path, String token, Object body, String ifMatch) {
        HttpHeaders headers = bearer(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            headers.setIfMatch(ifMatch);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    /** Uploads a file as the import endpoints take it: multipart, in the part "file". */
    protected ResponseEntity<JsonNode> upload(String path, String token, byte[] content, String filename) {
        return upload(path, token, content, filename, JsonNode.class);
    }

    protected <T> ResponseEntity<T> upload(String path, String token, byte[] content, String filename, Class<T> answer) {
        HttpHeaders headers = bearer(token);
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(form, headers), answer);
    }

    protected static HttpHeaders bearer(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }

    protected JsonNode seed(String resource) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            return json.readTree(in);
        }
    }

    /** A seed with another system code, so a test's versions never meet another test's. */
    protected JsonNode seedAs(String resource, String code) throws IOException {
        JsonNode seed = seed(resource);
        ((com.fasterxml.jackson.databind.node.ObjectNode) seed).put("code", code);
        return seed;
    }

    protected static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** The refusals this service recorded in the audit trail so far. */
    protected long audited() {
        return io.kaohe.testsupport.AuditRecords.refusals(dataSource, "rubric-service");
    }

    /** The refusals with this status of this user's calls to this path, recorded in the audit trail so far. */
    protected long refusalsOf(String username, int status, String method, String path) {
        return io.kaohe.testsupport.AuditRecords.matching(dataSource, r -> "rubric-service".equals(r.path("service").asText())
                && "REFUSED".equals(r.path("outcome").asText()) && r.path("status").asInt() == status
                && username.equals(r.path("username").asText()) && method.equals(r.path("method").asText())
                && path.equals(r.path("path").asText())).size();
    }

    protected KafkaConsumer<String, String> consumer() {
        return PublishedEvents.consumer(Topics.RUBRIC);
    }

    /** Every event on the rubric topic is this service's: each is checked against its golden example. */
    protected JsonNode awaitEvent(KafkaConsumer<String, String> consumer, Predicate<JsonNode> wanted) throws IOException {
        return PublishedEvents.await(consumer, wanted, event -> true, Duration.ofSeconds(60));
    }
}
