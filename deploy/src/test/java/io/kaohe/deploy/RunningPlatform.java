package io.kaohe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.testsupport.OneTimeCodes;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The one platform every end-to-end test class drives: started by the launcher that
 * {@code ./platform} runs (ports shifted by {@link #OFFSET} so a developer's own platform may keep
 * running) the first time a class asks for it, shared by the classes that follow (a start costs
 * a minute or more), stopped by {@link PlatformStopsIT}, which runs last, or when the JVM exits.
 */
final class RunningPlatform {

    /** 10000 by default; {@code -Dkaohe.e2e.offset=N} runs a second tree's tests beside this one. */
    static final int OFFSET = Integer.getInteger("kaohe.e2e.offset", 10_000);
    static final Ports PORTS = new Ports(OFFSET);
    static final String GATEWAY = "http://127.0.0.1:" + PORTS.gateway();
    static final String ISSUER = "http://127.0.0.1:" + PORTS.keycloak() + "/realms/kaohe";
    static final ObjectMapper JSON = new ObjectMapper();
    static final int RESTART_DELAY_SECONDS = 5;
    // HTTP/1.1: the JDK client's cleartext HTTP/2 upgrade can stall on a 401 from the gateway.
    static final HttpClient HTTP = client();

    private static Process platform;
    private static Path output;

    private RunningPlatform() {
    }

    /** Starts the platform unless it runs already; returns once the launcher says it is up. */
    static synchronized void start() throws Exception {
        if (platform != null) {
            assertThat(platform.isAlive()).as("the shared platform was stopped before a test needed it").isTrue();
            return;
        }
        Path root = root();
        Path data = root.resolve("deploy/target/e2e-data-" + OFFSET);
        output = root.resolve("deploy/target/e2e-platform-" + OFFSET + ".out");
        deleteTree(data);
        ProcessBuilder launcher = new ProcessBuilder(java(), "-jar", root.resolve("deploy/target/platform-launcher.jar").toString(),
                "--data-dir=" + data, "--port-offset=" + OFFSET, "--runtimes-dir=" + root.resolve("target/keycloak"),
                // A part the small drills kill stays down a few seconds before the launcher starts it again.
                "--restart-delay=" + RESTART_DELAY_SECONDS)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        platform = launcher.start();
        Runtime.getRuntime().addShutdownHook(new Thread(RunningPlatform::stopQuietly, "stop-e2e-platform"));
        // 8 minutes; -Dkaohe.e2e.start-minutes=N on a machine busy with other builds.
        int minutes = Integer.getInteger("kaohe.e2e.start-minutes", 8);
        long deadline = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
        while (!Files.readString(output).contains("is up")) {
            if (!platform.isAlive()) {
                throw new AssertionError("the platform did not start:\n" + Files.readString(output));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the platform was not up after " + minutes + " minutes:\n" + Files.readString(output));
            }
            Thread.sleep(1000);
        }
    }

    static Process process() {
        return platform;
    }

    /** What the launcher printed so far. */
    static String output() throws IOException {
        return Files.readString(output);
    }

    private static void stopQuietly() {
        if (platform != null && platform.isAlive()) {
            platform.destroy();
            try {
                if (!platform.waitFor(2, TimeUnit.MINUTES)) {
                    platform.descendants().forEach(ProcessHandle::destroyForcibly);
                    platform.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A real access token from Keycloak for a demo user (password grant of the kaohe-cli client), with
     * the user's one-time code where the realm asks for a second factor (office, leader, administrators).
     */
    static String token(String username) throws Exception {
        synchronized (TOKENS) {
            Token kept = TOKENS.get(username);
            if (kept == null || System.nanoTime() - kept.fetchedNanos() > TOKEN_REUSE.toNanos()) {
                kept = new Token(token(ISSUER, username), System.nanoTime());
                TOKENS.put(username, kept);
            }
            return kept.value();
        }
    }

    /**
     * Tokens are used again for a minute (Keycloak's last five): a user with a second factor waits up to
     * 30 s for an unused one-time code on every fresh login, and the tests ask for the office's many times.
     */
    private static final Duration TOKEN_REUSE = Duration.ofSeconds(60);
    private static final Map<String, Token> TOKENS = new HashMap<>();

    private record Token(String value, long fetchedNanos) {
    }

    /**
     * A token as {@link #token(String)} from the realm at {@code issuer} (the HA platform's Keycloak). With brute-force
     * protection on, Keycloak refuses a login of a user while another login of the same user is under way, with the
     * answer a wrong password gets ({@code invalid_grant}); the browser journeys log the same demo users in beside these
     * tests, so a refusal is asked again, after 2, 4, … 32 s: never two failures within a second (that locks the account
     * for a minute), and past such a minute if one came.
     */
    static String token(String issuer, String username) throws Exception {
        HttpResponse<String> response = passwordGrant(issuer, username);
        for (long pause = 2; pause <= 32 && response.statusCode() == 401 && response.body().contains("invalid_grant"); pause *= 2) {
            Thread.sleep(pause * 1000);
            response = passwordGrant(issuer, username);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String token = JSON.readTree(response.body()).get("access_token").asText();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.get("iss").asText()).isEqualTo(issuer);
        return token;
    }

    private static HttpResponse<String> passwordGrant(String issuer, String username) throws Exception {
        String shared = System.getenv(io.kaohe.testsupport.OneTimeCodes.SPENT_DIR_VARIABLE);
        if (shared == null || shared.isBlank()) {
            return passwordGrantNow(issuer, username);
        }
        // One login of a user at a time across the processes that share the folder (the journeys' otp.mjs takes the
        // same lock file): Keycloak refuses a login while another of the same user is under way, counts it as a
        // failure, and two within a second disable the account for a minute.
        Path lock = Path.of(shared).resolve(username + ".login-lock");
        Files.createDirectories(lock.getParent());
        while (true) {
            try {
                Files.createFile(lock);
                break;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                try {
                    if (System.currentTimeMillis() - Files.getLastModifiedTime(lock).toMillis() > 180_000) {
                        Files.deleteIfExists(lock); // left by a process that died
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // released meanwhile
                }
                Thread.sleep(250);
            }
        }
        try {
            return passwordGrantNow(issuer, username);
        } finally {
            Files.deleteIfExists(lock);
        }
    }

    private static HttpResponse<String> passwordGrantNow(String issuer, String username) throws Exception {
        String form = "grant_type=password&client_id=kaohe-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=demo";
        if (OneTimeCodes.secretOf(username).isPresent()) {
            form += "&totp=" + OneTimeCodes.next(username);
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A GET through the gateway four times ran into its timeout (PlatformE2EIT, the first request
     * without a token after a ~30 s wait for a one-time code; never reproduced by hand, and a new
     * connection always answered at once). The client drops a connection idle for 10 s instead of the
     * JDK's 1,200 s — set on the test JVM's command line (deploy/pom.xml), since the JDK reads it once
     * when its connection pool class loads, which may be before this class — and a timeout leaves the
     * gateway's threads in deploy/target for the next look.
     */
    private static HttpClient client() {
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "10");
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange(request.build());
    }

    private static HttpResponse<String> exchange(HttpRequest asked) throws Exception {
        // Each request on a connection of its own (Connection: close; the JVM allows the header, deploy/pom.xml): the
        // hangs below never reached the gateway — its request log has no line for them, and a new connection always
        // answered — so the client's reuse of a kept-alive connection is what loses them, a POST included, which
        // cannot simply be sent again.
        HttpRequest request = HttpRequest.newBuilder(asked, (name, value) -> true).header("Connection", "close").build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            dumpGatewayThreads(request);
            if (!request.method().equals("GET")) {
                throw e;
            }
            // The fourth such hang (2026-12-06) left a dump of an idle gateway: no request in flight, every
            // event loop waiting in epoll. So a GET is asked once more on a new connection, and that it was
            // is printed, to tell a client-side stale connection from a gateway that never answers.
            System.out.println("asking again on a new connection: " + request.uri());
            return client().send(HttpRequest.newBuilder(request, (name, value) -> true)
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void dumpGatewayThreads(HttpRequest request) {
        try {
            Path pid = root().resolve("deploy/target/e2e-data-" + OFFSET + "/logs/gateway.pid");
            Path dump = root().resolve("deploy/target/gateway-threads-" + System.currentTimeMillis() + ".txt");
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Files.readString(pid).trim(), "Thread.print").redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            jcmd.waitFor(30, TimeUnit.SECONDS);
            System.out.println("timed out: " + request.method() + " " + request.uri() + "; the gateway's threads: " + dump);
        } catch (Exception e) {
            System.out.println("timed out: " + request.uri() + "; no thread dump: " + e);
        }
    }

    static HttpResponse<String> post(String url, String token, String json) throws Exception {
        return send("POST", url, token, json);
    }

    static HttpResponse<String> put(String url, String token, String json) throws Exception {
        return send("PUT", url, token, json);
    }

    /** The answer's body as JSON (a null node when empty) once its status is 200; else fails naming the request and the body. */
    static JsonNode ok(HttpResponse<String> response) throws Exception {
        return expect(response, 200);
    }

    /** The answer's body as JSON (a null node when empty) once its status is {@code status}; else fails naming the request and the body. */
    static JsonNode expect(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri() + " → "
                + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /**
     * A small, consistent indicator system for units of category party-dept, titled {@code title}指标体系: one section of
     * two items that add up (1.1 judged, 1.2 half a point per late report), both assessed by 市扶贫移民局.
     */
    static String smallRubric(String code, String title) {
        return """
                {"code":"%s","year":2026,"title":"%s指标体系","categories":["party-dept"],
                 "roots":[{"code":"1","title":"职能职责","points":5,"children":[
                   {"code":"1.1","title":"干部驻村帮扶工作","points":3,"assessingDepartments":["sfpymj"],
                    "rule":{"type":"judged","wording":"根据完成情况计分"}},
                   {"code":"1.2","title":"按时报送信息","points":2,"assessingDepartments":["sfpymj"],
                    "rule":{"type":"deduction-per-incident","deductionPerIncident":0.5,"wording":"每迟报1次扣0.5分，扣完为止"}}]}]}
                """.formatted(code, title);
    }

    private static HttpResponse<String> send(String method, String url, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return exchange(request.build());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path root() {
        String root = System.getProperty("kaohe.root");
        return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
