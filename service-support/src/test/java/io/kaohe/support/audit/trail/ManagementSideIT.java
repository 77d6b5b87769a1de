package io.kaohe.support.audit.trail;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.testsupport.ServiceTestProperties;
import io.kaohe.testsupport.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every service's OpenAPI document, Swagger UI, metrics and health answer on the management port only (the
 * probes, the Prometheus scraper and operators inside the cluster), never on the application port the gateway
 * and the balancer forward to: there a caller without a token gets 401, whatever the path. Shown on the
 * minimal service the audit trail's tests run, with the security and defaults every service shares.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=management-side-test", "kaohe.database=audittrail",
                "spring.security.oauth2.resourceserver.jwt.audiences=scoring-service"})
class ManagementSideIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> DOCS = List.of("/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui.html",
            "/swagger-ui/index.html", "/actuator/openapi", "/actuator/openapi/yaml", "/actuator/swagger-ui");

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "audittrail");
        registry.add("management.server.port", () -> "0");
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Test
    void theApplicationPortServesNoApiDocsNorMetrics() throws Exception {
        for (String path : concat(DOCS, List.of("/actuator/prometheus", "/actuator/health", "/actuator"))) {
            HttpResponse<String> anonymous = get(port, path, null);
            assertThat(anonymous.statusCode()).as("anonymous " + path + " on the application port").isEqualTo(401);
            assertThat(anonymous.body()).doesNotContain("\"openapi\"", "jvm_memory");
        }
        // A logged-in user reaches the API, not the documents: refused or absent, never the document.
        for (String path : List.of("/v3/api-docs", "/swagger-ui.html", "/actuator/openapi", "/actuator/prometheus")) {
            HttpResponse<String> user = get(port, path, Tokens.forUser("office"));
            assertThat(user.statusCode()).as("office's " + path + " on the application port").isIn(403, 404);
            assertThat(user.body()).doesNotContain("\"openapi\"", "jvm_memory");
        }
    }

    @Test
    void theManagementPortServesTheApiDocsAndTheHealthToTheClusterWithoutALogin() throws Exception {
        HttpResponse<String> docs = get(managementPort, "/actuator/openapi", null);
        // springdoc's actuator endpoint (id openapi, listed in management.endpoints.web.exposure.include) maps the
        // document on the endpoint's own path: /actuator/openapi, not /actuator/openapi/ (404).
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"openapi\"", "/api/notes");

        HttpResponse<String> ui = get(managementPort, "/actuator/swagger-ui", null);
        assertThat(ui.statusCode()).isIn(200, 302);

        assertThat(get(managementPort, "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        // The application's own API is not served on the management port.
        assertThat(get(managementPort, "/api/notes/x", null).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
