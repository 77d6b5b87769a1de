package io.kaohe.deploy;

import static io.kaohe.deploy.RunningPlatform.GATEWAY;
import static io.kaohe.deploy.RunningPlatform.ISSUER;
import static io.kaohe.deploy.RunningPlatform.JSON;
import static io.kaohe.deploy.RunningPlatform.PORTS;
import static io.kaohe.deploy.RunningPlatform.get;
import static io.kaohe.deploy.RunningPlatform.post;
import static io.kaohe.deploy.RunningPlatform.smallRubric;
import static io.kaohe.deploy.RunningPlatform.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.testsupport.CookieBrowser;
import io.kaohe.testsupport.OneTimeCodes;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole platform, started by the launcher that {@code ./platform} runs (see
 * {@link RunningPlatform}), driven over HTTP with real tokens from the real Keycloak.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformE2EIT {

    @BeforeAll
    static void startPlatformAsTheReadmeDoes() throws Exception {
        RunningPlatform.start();
    }

    @Test
    @Order(1)
    void theLauncherPrintsWhereEverythingIsAndWhoCanLogIn() throws IOException {
        String banner = RunningPlatform.output();
        assertThat(banner).contains(GATEWAY + "/", "http://127.0.0.1:" + PORTS.keycloak() + "/admin/")
                .contains("office", "reporter.sjw", "head.sjw", "reviewer.fpymj", "inspector.1", "leader")
                .contains("http://127.0.0.1:" + PORTS.mailApi() + "/api/user/")
                .contains("sysadmin", "secadmin", "auditor", "one-time code")
                // A service's API documents on its management port, never on the port the gateway forwards to.
                .contains("http://127.0.0.1:" + Ports.management(PORTS.rubric()) + "/actuator/swagger-ui")
                .doesNotContain("swagger-ui.html");
    }

    @Test
    @Order(2)
    void everyServiceAnswersThroughTheGatewayWithARealToken() throws Exception {
        String office = token("office");
        for (String path : List.of("/api/rubric/versions", "/api/evidence/rubric-versions",
                "/api/scoring/rubric-versions", "/api/workflow/cycles")) {
            HttpResponse<String> response = get(GATEWAY + path, office);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).isArray()).as(path).isTrue();
        }
        HttpResponse<String> inbox = get(GATEWAY + "/api/workflow/tasks", office);
        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(inbox.body()).get("tasks").isArray()).as("the inbox's page of tasks").isTrue();
        JsonNode me = JSON.readTree(get(GATEWAY + "/api/me", token("reporter.sjw")).body());
        assertThat(me.get("unit").asText()).isEqualTo("bz-sjw");
        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("unit-reporter");
        HttpResponse<String> bell = get(GATEWAY + "/api/notifications/unread-count", token("reporter.sjw"));
        assertThat(bell.statusCode()).as(bell.body()).isEqualTo(200);
        assertThat(JSON.readTree(bell.body()).get("unread").isNumber()).as("the bell's count").isTrue();
    }

    @Test
    @Order(3)
    void aWrongRoleIsForbiddenAndAMissingOrTamperedTokenIsUnauthorized() throws Exception {
        HttpResponse<String> byUnit = post(GATEWAY + "/api/rubric/versions", token("reporter.sjw"),
                smallRubric("forbidden", "端到端测试"));
        assertThat(byUnit.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(byUnit.body()).get("code").asText()).isEqualTo("platform.forbidden");

        String tampered = tamper(token("office"));
        for (String path : List.of("/api/rubric/versions", "/api/evidence/rubric-versions",
                "/api/scoring/rubric-versions", "/api/workflow/tasks", "/api/notifications", "/api/audit/records")) {
            assertThat(get(GATEWAY + path, null).statusCode()).as("no token " + path).isEqualTo(401);
            assertThat(get(GATEWAY + path, tampered).statusCode()).as("tampered " + path).isEqualTo(401);
        }
        // Each service checks the token itself too, not only the gateway.
        Map<String, Integer> services = Map.of("/api/rubric/versions", PORTS.rubric(),
                "/api/evidence/rubric-versions", PORTS.evidence(), "/api/scoring/rubric-versions", PORTS.scoring(),
                "/api/workflow/tasks", PORTS.workflow(), "/api/notifications", PORTS.notification(),
                "/api/audit/records", PORTS.audit());
        for (Map.Entry<String, Integer> service : services.entrySet()) {
            String direct = "http://127.0.0.1:" + service.getValue() + service.getKey();
            assertThat(get(direct, tampered).statusCode()).as("tampered, direct " + direct).isEqualTo(401);
            assertThat(get(direct, null).statusCode()).as("no token, direct " + direct).isEqualTo(401);
        }
    }

    @Test
    @Order(3)
    void healthAndMetricsAnswerOnTheManagementPortsOnlyAndTheOfficeSeesTheDeadLetters() throws Exception {
        for (int port : List.of(PORTS.gateway(), PORTS.rubric(), PORTS.evidence(), PORTS.scoring(), PORTS.workflow(),
                PORTS.audit())) {
            HttpResponse<String> metrics = get("http://127.0.0.1:" + Ports.management(port) + "/actuator/prometheus", null);
            assertThat(metrics.statusCode()).as("metrics on " + Ports.management(port)).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
            assertThat(get("http://127.0.0.1:" + port + "/actuator/prometheus", null).statusCode())
                    .as("no metrics on the application port " + port).isIn(401, 404);
        }
        // The services' OpenAPI documents: on the management port, not on the port the gateway forwards to.
        for (int port : List.of(PORTS.rubric(), PORTS.evidence(), PORTS.scoring(), PORTS.workflow(), PORTS.audit())) {
            HttpResponse<String> docs = get("http://127.0.0.1:" + Ports.management(port) + "/actuator/openapi", null);
            assertThat(docs.statusCode()).as("OpenAPI on " + Ports.management(port)).isEqualTo(200);
            assertThat(docs.body()).contains("\"openapi\"", "/api/");
            assertThat(get("http://127.0.0.1:" + port + "/v3/api-docs", null).statusCode())
                    .as("no OpenAPI on the application port " + port).isEqualTo(401);
        }
        // The gateway's own (/api/me) likewise; its public port answers no document, not even to a logged-in person.
        HttpResponse<String> edgeDocs = get("http://127.0.0.1:" + Ports.management(PORTS.gateway()) + "/actuator/openapi", null);
        assertThat(edgeDocs.statusCode()).as("the gateway's OpenAPI on its management port").isEqualTo(200);
        assertThat(edgeDocs.body()).contains("\"openapi\"", "/api/me");
        assertThat(get(GATEWAY + "/v3/api-docs", token("reporter.sjw")).statusCode())
                .as("no OpenAPI on the gateway's public port").isIn(401, 404);
        String scoringMetrics = get("http://127.0.0.1:" + Ports.management(PORTS.scoring()) + "/actuator/prometheus", null)
                .body();
        assertThat(scoringMetrics).containsPattern("kaohe_events_parked\\{[^}]*consumer=\"scoring-service.evidence-events\"");
        for (String service : List.of("rubric", "evidence", "scoring", "workflow")) {
            String path = GATEWAY + "/api/" + service + "/dead-letters";
            assertThat(get(path, token("office")).statusCode()).as(path).isEqualTo(200);
            assertThat(get(path, token("leader")).statusCode()).as(path + " for a leader").isEqualTo(403);
        }
    }

    @Test
    @Order(4)
    void aPublishedRubricReachesBothConsumingServicesOverKafkaInTheTraceOfThePublishingRequest() throws Exception {
        String office = token("office");
        HttpResponse<String> created = post(GATEWAY + "/api/rubric/versions", office,
                smallRubric("e2e-" + System.nanoTime(), "端到端测试"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        // The caller's W3C traceparent (as a browser's tracing agent would send it): one trace from here on.
        java.util.HexFormat hex = java.util.HexFormat.of();
        java.security.SecureRandom random = new java.security.SecureRandom();
        String traceId = hex.formatHex(random.generateSeed(16));
        String publish = "/api/rubric/versions/" + id + "/publish";
        HttpResponse<String> published = RunningPlatform.HTTP.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(GATEWAY + publish)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + office)
                .header("traceparent", "00-" + traceId + "-" + hex.formatHex(random.generateSeed(8)) + "-01")
                .header("Connection", "close") // as RunningPlatform's own requests
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);

        for (String consumer : List.of("/api/evidence/rubric-versions", "/api/scoring/rubric-versions")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            boolean seen = false;
            while (!seen && System.nanoTime() < deadline) {
                JsonNode known = JSON.readTree(get(GATEWAY + consumer, office).body());
                for (JsonNode version : known) {
                    seen |= version.get("versionId").asText().equals(id);
                }
                if (!seen) {
                    Thread.sleep(500);
                }
            }
            assertThat(seen).as(consumer + " knows version " + id).isTrue();
        }

        // The trace id in the gateway's request log, in rubric-service's, and in the line each consumer writes
        // when the event reaches it over Kafka (docs/observability.md: how an operator follows a request).
        Map<String, String> lines = Map.of(
                "gateway", "POST " + publish + " answered 200",
                "rubric-service", "POST " + publish + " answered 200",
                "evidence-service", "rubric version " + id,
                "scoring-service", "rubric version " + id);
        for (Map.Entry<String, String> line : lines.entrySet()) {
            java.nio.file.Path log = RunningPlatform.root().resolve("deploy/target/e2e-data-" + RunningPlatform.OFFSET
                    + "/logs/" + line.getKey() + ".log");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean found = false;
            while (!found) {
                // Decoded leniently: the last line may be half written.
                found = new String(java.nio.file.Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8).lines()
                        .anyMatch(l -> l.contains("\"traceId\":\"" + traceId + "\"") && l.contains(line.getValue()));
                if (!found && System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(found ? 0 : 500);
            }
            assertThat(found).as(line.getKey() + "'s log: a line with \"" + line.getValue() + "\" in trace " + traceId)
                    .isTrue();
        }
    }

    @Test
    @Order(5)
    void aPersonLogsInThroughTheGatewayWithPkceAndTheSessionTokenIsRelayed() throws Exception {
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> start = browser.get(GATEWAY + "/oauth2/authorization/keycloak");
        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(ISSUER + "/protocol/openid-connect/auth")
                .contains("code_challenge=", "code_challenge_method=S256", "client_id=kaohe-gateway");

        HttpResponse<String> loginPage = browser.get(authorize);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        HttpResponse<String> loggedIn = browser.postForm(CookieBrowser.formAction(loginPage),
                "username=head.sjw&password=demo&credentialId=");
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(302);
        String callback = loggedIn.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(GATEWAY + "/login/oauth2/code/keycloak?");

        HttpResponse<String> back = browser.get(callback);
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location")).hasValue("/");

        HttpResponse<String> me = browser.get(GATEWAY + "/api/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).get("username").asText()).isEqualTo("head.sjw");
        assertThat(JSON.readTree(me.body()).get("unit").asText()).isEqualTo("bz-sjw");

        HttpResponse<String> relayed = browser.get(GATEWAY + "/api/rubric/versions");
        assertThat(relayed.statusCode()).as("the session's token relayed to rubric-service").isEqualTo(200);

        HttpResponse<String> forged = browser.postJson(GATEWAY + "/api/rubric/versions", "{}", null);
        assertThat(forged.statusCode()).as("a cookie-authenticated write without the CSRF token").isEqualTo(403);
        assertThat(forged.body()).doesNotContain("platform.forbidden");

        String xsrf = browser.cookie(GATEWAY, "XSRF-TOKEN");
        assertThat(xsrf).as("the gateway hands the portal its CSRF token").isNotBlank();
        HttpResponse<String> withToken = browser.postJson(GATEWAY + "/api/rubric/versions",
                smallRubric("csrf", "端到端测试"), xsrf);
        // Past the gateway's CSRF check and relayed: rubric-service itself refuses a unit head.
        assertThat(withToken.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(withToken.body()).get("code").asText()).isEqualTo("platform.forbidden");
    }

    @Test
    @Order(6)
    void theOfficeLogsInThroughTheGatewayOnlyWithItsOneTimeCode() throws Exception {
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> start = browser.get(GATEWAY + "/oauth2/authorization/keycloak");
        HttpResponse<String> loginPage = browser.get(start.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> otpForm = browser.postForm(CookieBrowser.formAction(loginPage), "username=office&password=demo&credentialId=");
        assertThat(otpForm.statusCode()).as("the password alone does not send the office back").isEqualTo(200);
        assertThat(otpForm.body()).contains("name=\"otp\"");

        HttpResponse<String> loggedIn = browser.postForm(CookieBrowser.formAction(otpForm), "otp=" + OneTimeCodes.next("office"));
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(302);
        String callback = loggedIn.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(GATEWAY + "/login/oauth2/code/keycloak?");
        assertThat(browser.get(callback).headers().firstValue("Location")).hasValue("/");

        JsonNode me = JSON.readTree(browser.get(GATEWAY + "/api/me").body());
        assertThat(me.get("username").asText()).isEqualTo("office");
        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("office-admin");
    }

    @Test
    @Order(7)
    void theAuditorFindsTheRubricWriteAndTheLoginsInAnIntactChainAndTheOfficeMayNotReadIt() throws Exception {
        String auditor = token("auditor");
        // Written by rubric-service's outbox, appended by audit-service from Kafka; logins imported from Keycloak.
        for (String search : List.of("source=rubric-service&category=WRITE", "source=keycloak&category=LOGIN&user=office")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long total = 0;
            while (total == 0 && System.nanoTime() < deadline) {
                HttpResponse<String> found = get(GATEWAY + "/api/audit/records?" + search, auditor);
                assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
                total = JSON.readTree(found.body()).get("total").asLong();
                if (total == 0) {
                    Thread.sleep(1000);
                }
            }
            assertThat(total).as("audit records for " + search).isPositive();
        }
        HttpResponse<String> verified = post(GATEWAY + "/api/audit/verification", auditor, null);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(verified.body()).get("result");
        assertThat(result.get("intact").asBoolean()).as(verified.body()).isTrue();
        assertThat(result.get("verifiedCount").asLong()).isPositive();

        HttpResponse<String> byOffice = get(GATEWAY + "/api/audit/records", token("office"));
        assertThat(byOffice.statusCode()).as("三员分立: the office does not read the audit").isEqualTo(403);
    }

    @Test
    @Order(8)
    void eachServiceWorksAsItsOwnRoleThatReachesOnlyItsDatabaseAndMayNotChangeTheAuditTrail() throws Exception {
        String base = "jdbc:postgresql://127.0.0.1:" + PORTS.postgres() + "/";
        java.util.Properties passwords = DatabaseRoles.load(RunningPlatform.root()
                .resolve("deploy/target/e2e-data-" + RunningPlatform.OFFSET).resolve(DatabaseRoles.FILE));
        Map<String, DatabaseRoles.DatabaseLogins> logins = new java.util.LinkedHashMap<>();
        for (String database : LocalPlatform.DATABASES) {
            DatabaseRoles.Login owner = new DatabaseRoles.Login(DatabaseRoles.roleOf(database),
                    passwords.getProperty(DatabaseRoles.roleOf(database)));
            logins.put(database, new DatabaseRoles.DatabaseLogins(owner, database.equals("audit")
                    ? new DatabaseRoles.Login(DatabaseRoles.AUDIT_RUNTIME, passwords.getProperty(DatabaseRoles.AUDIT_RUNTIME))
                    : owner));
        }
        // Who the running services (and Keycloak) are connected as, database by database: their own role only.
        try (java.sql.Connection c = DatabaseRolesIT.superuser(base, "postgres"); java.sql.Statement s = c.createStatement()) {
            for (String database : LocalPlatform.DATABASES) {
                assertThat(DatabaseRolesIT.strings(s, "select distinct usename from pg_stat_activity where datname = '"
                        + database + "'")).as(database).containsExactly(logins.get(database).runtime().user());
            }
        }
        // Every role against every database in one query (DatabaseRolesIT logs in with each; here once, to stay quick).
        try (java.sql.Connection c = DatabaseRolesIT.superuser(base, "postgres"); java.sql.Statement s = c.createStatement()) {
            for (String database : LocalPlatform.DATABASES) {
                for (DatabaseRoles.Login login : List.of(logins.get(database).owner(), logins.get(database).runtime())) {
                    assertThat(DatabaseRolesIT.strings(s, "select r.rolsuper or r.rolcreatedb or r.rolcreaterole"
                            + " from pg_roles r where r.rolname = '" + login.user() + "'")).as(login.user()).containsExactly("f");
                    assertThat(DatabaseRolesIT.strings(s, "select d.datname from pg_database d where"
                            + " has_database_privilege('" + login.user() + "', d.datname, 'CONNECT') and not d.datistemplate"
                            + " order by 1")).as(login.user()).containsExactly(database);
                }
            }
        }
        assertThatThrownBy(() -> DatabaseRolesIT.connect(base, "audit", logins.get("rubric").owner()).close())
                .hasMessageContaining("permission denied for database");
        // The live chain is left as it is (no test record appended: the auditor verifies it).
        DatabaseRolesIT.assertAuditTrailAppendOnly(base, logins.get("audit").runtime(), false);
    }

    private static String tamper(String token) {
        int i = token.lastIndexOf('.') + 5;
        return token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);
    }
}
