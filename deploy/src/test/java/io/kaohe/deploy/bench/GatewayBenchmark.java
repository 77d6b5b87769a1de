package io.kaohe.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaohe.testsupport.CookieBrowser;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's overhead per request (issue 18; a benchmark, not a test). One endpoint, one user: a unit's head
 * ({@code head.sjw}) reads the roster's unit categories ({@code GET /api/rubric/roster/categories}: any logged-in
 * person may, one small query, a small JSON answer — so the figures are the gateway's work, not the service's).
 * <ul>
 *   <li>direct: on rubric-service itself, with a bearer token Keycloak gives the same user (client kaohe-cli: the
 *       same audiences and claims as the token the gateway relays);</li>
 *   <li>through a gateway: with the portal's session cookie only, after a real login through Keycloak's form (the
 *       gateway keeps the session and relays its access token).</li>
 * </ul>
 * Max rate: {@code wrk -t2 -c<connections>} for the same time on each, a warm-up first, the rounds interleaved.
 * Latency: an open-loop fixed-rate driver (below; wrk has no fixed-rate mode and Debian has no wrk2) at half the
 * platform gateway's max rate, each request's time counted from when it was due, not from when it was sent.
 * <p>
 * Besides the platform's own gateway, {@code -Dbench.gateways=a,b} starts more gateways beside it with the same
 * environment, each with {@code -Dbench.gateway.<name>.jvm="…"} (JVM flags, default the launcher's) and
 * {@code -Dbench.gateway.<name>.jar=…} (default gateway/target/gateway.jar): a before/after or a JVM flag compared in
 * the same run. {@code -Dbench.jfr=true} then records each gateway under load with JFR (deploy/target/gw-bench-*.jfr).
 * Run with {@code deploy/bench/gateway.sh}; it writes {@code docs/benchmarks/gateway.md}.
 */
public final class GatewayBenchmark {

    static final String USER = "head.sjw";
    static final String PATH = "/api/rubric/roster/categories";
    /** The launcher's flags for every application (LocalPlatform). */
    static final String LAUNCHER_FLAGS = "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int offset = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int connections = Integer.getInteger("bench.connections", 16);
        int rounds = Integer.getInteger("bench.rounds", 2);
        Path root = Path.of(System.getProperty("kaohe.root", ".")).toAbsolutePath().normalize();
        String loadBefore = loadAverage();
        Instant started = Instant.now();

        Process launcher = Boolean.getBoolean("bench.attach") ? null : startPlatform(root, offset);
        List<Process> extra = new ArrayList<>();
        try {
            int gatewayPort = 8080 + offset;
            String issuer = "http://127.0.0.1:" + (8180 + offset) + "/realms/kaohe";
            List<Gateway> gateways = new ArrayList<>();
            long platformGateway = gatewayPid(gatewayPort);
            gateways.add(new Gateway("gateway (platform: " + LAUNCHER_FLAGS + ")", gatewayPort, platformGateway));
            String[] names = System.getProperty("bench.gateways", "").isBlank() ? new String[0]
                    : System.getProperty("bench.gateways").split(",");
            for (int i = 0; i < names.length; i++) {
                String name = names[i].trim();
                String flags = System.getProperty("bench.gateway." + name + ".jvm", LAUNCHER_FLAGS);
                Path jar = Path.of(System.getProperty("bench.gateway." + name + ".jar",
                        root.resolve("gateway/target/gateway.jar").toString()));
                int port = 8090 + i + offset;
                Process process = startGateway(root, platformGateway, name, jar, flags, port);
                extra.add(process);
                gateways.add(new Gateway("gateway " + name + " (" + flags + (jar.endsWith("gateway/target/gateway.jar")
                        ? "" : ", " + jar.getFileName()) + ")", port, process.pid()));
            }
            for (int i = 0; i < names.length; i++) { // started together, then waited for
                awaitReady(names[i].trim(), extra.get(i), 8090 + i + offset);
            }
            allowRedirects(offset, gateways);

            Target direct = new Target("direct (rubric-service, bearer token)", "http://127.0.0.1:" + (8081 + offset) + PATH,
                    new DirectToken(issuer));
            List<Target> targets = new ArrayList<>(List.of(direct));
            for (Gateway gateway : gateways) {
                String cookies = login(gateway.port());
                targets.add(new Target(gateway.label() + ", session cookie", "http://127.0.0.1:" + gateway.port() + PATH,
                        () -> "Cookie: " + cookies));
            }
            for (Target target : targets) {
                HttpResponse<String> answer = HTTP.send(target.request().build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(target.label() + " answered " + answer.statusCode() + ": " + answer.body());
                }
            }

            int warmUp = Integer.getInteger("bench.warmup", seconds);
            System.out.println("warming up (" + warmUp + " s each)");
            Map<String, Long> watched = new LinkedHashMap<>();
            watched.put("rubric-service", servicePid("rubric-service", 8081 + offset));
            for (int i = 0; i < gateways.size(); i++) {
                watched.put("gateway " + (i + 1), gateways.get(i).pid());
            }
            for (Target target : targets) {
                wrk(target, warmUp, connections, watched);
            }
            Map<Target, List<Wrk>> max = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (Target target : targets) {
                    Wrk run = wrk(target, seconds, connections, watched);
                    System.out.printf(Locale.ROOT, "round %d: %s: %.0f req/s%n", round, target.label(), run.rps());
                    max.computeIfAbsent(target, t -> new ArrayList<>()).add(run);
                }
            }
            double rate = Math.floor(mean(max.get(targets.get(1))) / 2);
            Map<Target, Latencies> latency = new LinkedHashMap<>();
            for (Target target : Boolean.parseBoolean(System.getProperty("bench.latency", "true")) ? targets : List.<Target>of()) {
                latency.put(target, fixedRate(target, rate, seconds));
                System.out.printf(Locale.ROOT, "%.0f req/s: %s: p50 %.2f ms, p99 %.2f ms%n", rate, target.label(),
                        latency.get(target).percentile(50), latency.get(target).percentile(99));
            }
            if (Boolean.getBoolean("bench.jfr")) {
                for (int i = 1; i < targets.size(); i++) {
                    profile(root, gateways.get(i - 1), targets.get(i), seconds, connections, i);
                }
            }
            String report = report(started, loadBefore, loadAverage(), seconds, connections, rounds, rate, max, latency);
            Path out = root.resolve("docs/benchmarks/gateway.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println(report);
        } finally {
            for (Process process : extra) {
                process.destroy();
                process.waitFor(1, TimeUnit.MINUTES);
            }
            if (launcher != null) {
                launcher.destroy();
                launcher.waitFor(2, TimeUnit.MINUTES);
            }
        }
    }

    record Gateway(String label, int port, long pid) {
    }

    /** One way to reach the endpoint, with the header that authenticates it (fetched again when it would expire). */
    record Target(String label, String url, java.util.function.Supplier<String> header) {
        HttpRequest.Builder request() {
            String[] h = header.get().split(": ", 2);
            return HttpRequest.newBuilder(URI.create(url)).header(h[0], h[1]).timeout(Duration.ofSeconds(30));
        }
    }

    /** Keycloak's access tokens live five minutes; a measurement gets one at least two minutes from its end. */
    static final class DirectToken implements java.util.function.Supplier<String> {
        private final String issuer;
        private String token;
        private long fetched;

        DirectToken(String issuer) {
            this.issuer = issuer;
        }

        @Override
        public synchronized String get() {
            if (token == null || System.nanoTime() - fetched > TimeUnit.SECONDS.toNanos(120)) {
                try {
                    String form = "grant_type=password&client_id=kaohe-cli&username=" + USER + "&password=demo";
                    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                    token = JSON.readTree(answer.body()).get("access_token").asText();
                    fetched = System.nanoTime();
                } catch (Exception e) {
                    throw new IllegalStateException("no token for " + USER, e);
                }
            }
            return "Authorization: Bearer " + token;
        }
    }

    /**
     * One wrk run; with the CPU time (user + system, all threads) each process in {@code watched} spent on it, per
     * request: on a shared machine a steadier figure than the rate, which depends on what else runs.
     */
    record Wrk(double rps, double p50, double p99, long requests, Map<String, Double> cpuMillisPerRequest, String output) {
    }

    static Wrk wrk(Target target, int seconds, int connections, Map<String, Long> watched) throws Exception {
        Map<String, Long> cpuBefore = new LinkedHashMap<>();
        for (var process : watched.entrySet()) {
            cpuBefore.put(process.getKey(), cpuMillis(process.getValue()));
        }
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
                "--latency", "-H", target.header().get(), target.url()).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        if (out.contains("Non-2xx") || out.contains("Socket errors")) {
            throw new IllegalStateException(target.label() + ": wrk saw errors:\n" + out);
        }
        Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        Matcher requests = Pattern.compile("(\\d+) requests in").matcher(out);
        if (!rps.find() || !requests.find()) {
            throw new IllegalStateException("wrk said:\n" + out);
        }
        long n = Long.parseLong(requests.group(1));
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (var process : watched.entrySet()) {
            cpu.put(process.getKey(), (cpuMillis(process.getValue()) - cpuBefore.get(process.getKey())) / (double) n);
        }
        return new Wrk(Double.parseDouble(rps.group(1)), wrkMillis(out, "50%"), wrkMillis(out, "99%"), n, cpu, out);
    }

    /** utime + stime of a process, all its threads, from /proc (clock ticks of 10 ms). */
    static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static double wrkMillis(String out, String percentile) {
        Matcher m = Pattern.compile(" " + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    record Latencies(List<Double> millis, int failures) {
        double percentile(double p) {
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }

    /**
     * An open-loop driver: request i is due at start + i/rate and sent then whatever the earlier ones are doing; its
     * latency runs from when it was due to its answer, so a stall counts for every request it held up (no
     * coordinated omission). The first second is left out (connections being opened).
     */
    static Latencies fixedRate(Target target, double rate, int seconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long interval = (long) (1e9 / rate);
        int n = (int) (rate * (seconds + 1));
        int skip = (int) rate;
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<Double>> answers = new ArrayList<>(n);
        HttpRequest request = target.request().GET().build();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int i = 0; i < n; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((answer, failure) -> {
                if (failure != null || answer.statusCode() != 200) {
                    failures.incrementAndGet();
                }
                return (System.nanoTime() - due) / 1e6;
            }));
        }
        List<Double> millis = new ArrayList<>(n - skip);
        for (int i = 0; i < n; i++) {
            double took = answers.get(i).get(60, TimeUnit.SECONDS);
            if (i >= skip) {
                millis.add(took);
            }
        }
        return new Latencies(millis, failures.get());
    }

    /** The gateway under wrk's load with a JFR recording (settings=profile: method samples every 10 ms). */
    private static void profile(Path root, Gateway gateway, Target target, int seconds, int connections, int n)
            throws Exception {
        Path file = root.resolve("deploy/target/gw-bench-" + n + ".jfr");
        Files.deleteIfExists(file);
        jcmd(gateway.pid(), "JFR.start", "name=bench", "settings=profile", "filename=" + file);
        Wrk run = wrk(target, seconds, connections, Map.of());
        jcmd(gateway.pid(), "JFR.stop", "name=bench");
        System.out.printf(Locale.ROOT, "profiled %s: %.0f req/s under JFR, recording %s%n", gateway.label(), run.rps(), file);
    }

    private static void jcmd(long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(Arrays.asList(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + ": " + out);
        }
    }

    /**
     * A login as the portal makes it: the gateway's redirect, Keycloak's form, the callback; the cookies a browser
     * then sends with every request (the session, and the CSRF token the portal echoes on writes).
     */
    static String login(int port) throws Exception {
        String gateway = "http://127.0.0.1:" + port;
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> start = browser.get(gateway + "/oauth2/authorization/keycloak");
        HttpResponse<String> form = browser.get(start.headers().firstValue("Location").orElseThrow());
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(form.body());
        if (!action.find()) {
            throw new IllegalStateException("no login form: " + form.body());
        }
        HttpResponse<String> loggedIn = browser.postForm(action.group(1).replace("&amp;", "&"),
                "username=" + USER + "&password=demo&credentialId=");
        String callback = loggedIn.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("login refused: " + loggedIn.body()));
        browser.get(callback);
        browser.get(gateway + PATH); // as the portal's first read: the gateway hands out its CSRF cookie too
        String session = browser.cookie(gateway, "SESSION");
        if (session == null) {
            throw new IllegalStateException("no session cookie from " + gateway);
        }
        String xsrf = browser.cookie(gateway, "XSRF-TOKEN");
        return "SESSION=" + session + (xsrf == null ? "" : "; XSRF-TOKEN=" + xsrf);
    }

    /**
     * The realm lists the gateway ports of the usual offsets as the login's redirect URIs; the gateways measured here
     * are added to the running realm (Keycloak's admin API, the local admin account), not to the realm file.
     */
    private static void allowRedirects(int offset, List<Gateway> gateways) throws Exception {
        String keycloak = "http://127.0.0.1:" + (8180 + offset);
        HttpResponse<String> admin = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password="
                        + URLEncoder.encode("admin", StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        String bearer = "Bearer " + JSON.readTree(admin.body()).get("access_token").asText();
        JsonNode found = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(keycloak
                + "/admin/realms/kaohe/clients?clientId=kaohe-gateway")).header("Authorization", bearer).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        ObjectNode client = (ObjectNode) found.get(0);
        ArrayNode uris = (ArrayNode) client.get("redirectUris");
        for (Gateway gateway : gateways) {
            uris.add("http://127.0.0.1:" + gateway.port() + "/login/oauth2/code/keycloak");
        }
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/kaohe/clients/"
                        + client.get("id").asText())).header("Authorization", bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() / 100 != 2) {
            throw new IllegalStateException("redirect URIs not added: " + put.statusCode() + " " + put.body());
        }
    }

    private static Process startPlatform(Path root, int offset) throws Exception {
        Path data = root.resolve("deploy/target/gw-bench-data");
        Path out = root.resolve("deploy/target/gw-bench-platform.out");
        Path runtimes = Path.of(System.getProperty("bench.runtimes", root.resolve("target/keycloak").toString()));
        Files.createDirectories(data);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                root.resolve("deploy/target/platform-launcher.jar").toString(), "--data-dir=" + data,
                "--port-offset=" + offset, "--runtimes-dir=" + runtimes)
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        System.out.println("starting the platform at +" + offset + " (" + out + ")");
        while (!Files.readString(out).contains("is up")) {
            if (!process.isAlive()) {
                throw new IllegalStateException("platform did not start:\n" + Files.readString(out));
            }
            Thread.sleep(500);
        }
        return process;
    }

    /** Another gateway beside the platform's: its environment (Keycloak, the services) with its own ports. */
    static Process startGateway(Path root, long platformGateway, String name, Path jar, String flags, int port)
            throws Exception {
        Map<String, String> env = environment(platformGateway);
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("MANAGEMENT_PORT", Integer.toString(port + 1000));
        env.put("KAOHE_INSTANCE", "gateway-" + name);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(Arrays.asList(flags.trim().split("\\s+")));
        command.addAll(List.of("-Dfile.encoding=UTF-8", "-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(root.resolve("deploy/target/gw-bench-" + name + ".log").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void awaitReady(String name, Process process, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + 1000) + "/actuator/health/readiness"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroy();
                throw new IllegalStateException("gateway " + name + " did not start: deploy/target/gw-bench-" + name + ".log");
            }
            Thread.sleep(500);
        }
    }

    private static Map<String, String> environment(long pid) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    private static long gatewayPid(int port) throws IOException {
        return servicePid("gateway", port);
    }

    /**
     * The process running {@code <app>.jar} with SERVER_PORT = {@code port}: from {@code <app>/target/} or, as the
     * launcher runs it, extracted under the runtimes folder (a training run has SERVER_PORT 0).
     */
    private static long servicePid(String app, int port) throws IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String command = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (command.contains("/" + app + ".jar")
                            && environment(Long.parseLong(proc.getFileName().toString())).getOrDefault("SERVER_PORT", "")
                            .equals(Integer.toString(port))) {
                        return Long.parseLong(proc.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // ended or not ours
                }
            }
        }
        throw new IllegalStateException("no " + app + " process on port " + port);
    }

    private static double mean(List<Wrk> runs) {
        return runs.stream().mapToDouble(Wrk::rps).average().orElseThrow();
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static String report(Instant started, String loadBefore, String loadAfter, int seconds, int connections,
                                 int rounds, double rate, Map<Target, List<Wrk>> max, Map<Target, Latencies> latency) {
        StringBuilder r = new StringBuilder();
        List<Target> targets = new ArrayList<>(max.keySet());
        Target direct = targets.get(0);
        double directMax = mean(max.get(direct));
        Latencies directLatency = latency.getOrDefault(direct, new Latencies(List.of(Double.NaN), 0));
        r.append("# gateway benchmark\n\n");
        r.append(String.format(Locale.ROOT, "Run %s with `deploy/bench/gateway.sh`; %d cores; load average (1/5/15 min) before: %s, "
                        + "after: %s.%n%n", started.toString().substring(0, 16) + "Z", Runtime.getRuntime().availableProcessors(),
                loadBefore, loadAfter));
        r.append(String.format(Locale.ROOT, "`GET %s` as %s. Max rate: wrk -t2 -c%d, %d s per run, a warm-up run each, then %d "
                        + "interleaved rounds (mean; each round in brackets). Latency: open-loop fixed rate of %.0f req/s (half "
                        + "the platform gateway's max) for %d s, from when each request was due.%n%n",
                PATH, USER, connections, seconds, rounds, rate, seconds));
        r.append("| path | max req/s | ratio to direct | p50 at ").append(String.format(Locale.ROOT, "%.0f", rate))
                .append(" req/s | p99 | added p50 | added p99 | failed |\n|---|---|---|---|---|---|---|---|\n");
        for (Target target : targets) {
            double rps = mean(max.get(target));
            Latencies l = latency.getOrDefault(target, new Latencies(List.of(Double.NaN), 0));
            r.append(String.format(Locale.ROOT, "| %s | %.0f (%s) | %.2f | %.2f ms | %.2f ms | %s | %s | %d |%n", target.label(), rps,
                    String.join(", ", max.get(target).stream().map(w -> String.format(Locale.ROOT, "%.0f", w.rps())).toList()),
                    rps / directMax, l.percentile(50), l.percentile(99),
                    target == direct ? "—" : String.format(Locale.ROOT, "%+.2f ms", l.percentile(50) - directLatency.percentile(50)),
                    target == direct ? "—" : String.format(Locale.ROOT, "%+.2f ms", l.percentile(99) - directLatency.percentile(99)),
                    l.failures()));
        }
        r.append("\nCPU time per request at max rate (user + system, all threads of the process; mean of the rounds):\n\n| path |");
        List<String> processes = new ArrayList<>(max.get(direct).get(0).cpuMillisPerRequest().keySet());
        for (String process : processes) {
            r.append(" ").append(process).append(" |");
        }
        r.append("\n|---|").append("---|".repeat(processes.size())).append("\n");
        for (Target target : targets) {
            r.append("| ").append(target.label()).append(" |");
            for (String process : processes) {
                r.append(String.format(Locale.ROOT, " %.2f ms |", max.get(target).stream()
                        .mapToDouble(w -> w.cpuMillisPerRequest().get(process)).average().orElseThrow()));
            }
            r.append("\n");
        }
        r.append("\nGateway n is the n-th gateway row above (1: the platform's).\n");
        r.append("\nwrk's own latency at max rate (closed loop, last round): ");
        r.append(String.join("; ", targets.stream().map(t -> {
            Wrk last = max.get(t).get(max.get(t).size() - 1);
            return String.format(Locale.ROOT, "%s p50 %.2f ms p99 %.2f ms", t.label(), last.p50(), last.p99());
        }).toList()));
        r.append(".\n");
        return r.toString();
    }

    private GatewayBenchmark() {
    }
}
