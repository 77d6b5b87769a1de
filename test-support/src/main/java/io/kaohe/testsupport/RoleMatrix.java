package io.kaohe.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deny by default, proven for every endpoint (MLPS 8.1.4.2 e f): a service's own OpenAPI document against the
 * role rules written down beside its tests, one row per operation.
 *
 * <p>The matrix file (tab- or space-separated, {@code #} starts a comment):
 * <pre>
 * METHOD  /path/as/in/the/document/{var}  roles  [any-unit]
 * </pre>
 * where roles is a comma-separated list of realm roles ({@code office-admin}, {@code leader}, {@code unit-reporter},
 * {@code unit-head}, {@code dept-reviewer}, {@code inspector}, {@code system-admin}, {@code security-admin},
 * {@code audit-admin}, {@code service}: the services' own client), {@code *} for any logged-in user, {@code anonymous} for an operation open
 * without a login, {@code nobody} for one every role is refused. {@link #verify} fails when an operation of the document has no row, when a row names an operation
 * the document lacks, and when a call answers otherwise than the row says:
 * <ul>
 * <li>without a token: 401 (unless {@code anonymous});</li>
 * <li>as a demo user of a role not in the row: the role-level 403, the problem whose {@code code} is
 * {@code platform.forbidden};</li>
 * <li>as a demo user of a role in the row: anything but 401 and the role-level 403 (placeholder objects get the
 * service's own object-level refusal, 404, 400, ...);</li>
 * <li>never a 5xx;</li>
 * <li>an operation on a unit's own things (a path variable {@code {unitCode}} or {@code {unit}}, or one right after
 * {@code /units/} with more path after it) is called for {@link #UNIT}; there the other unit's reporter and head
 * are refused, whatever the row: 403, or a 404 the unit's own user does not get; an answer the same as the unit's
 * own user gets (a body's validation, an unknown placeholder object) cannot tell and is listed in
 * {@link Outcome#unjudged()} &mdash; unless the row ends in {@code any-unit}: what every unit may read of every
 * other (a decision written down beside the row).</li>
 * </ul>
 * Placeholders: a UUID for uuid-formatted variables, 1 for numbers, {@link #UNIT} for units, {@code x1} otherwise;
 * a body of {@code {}} (JSON), an empty multipart form, or no bytes. One token per user ({@link Tokens#forUser};
 * the service role's by the client-credentials grant of {@code kaohe-services}), one plain HTTP client, no waiting.
 */
public final class RoleMatrix {

    /** The unit a unit-scoped operation is called for: the unit of reporter.sjw and head.sjw. */
    public static final String UNIT = "bz-sjw";
    /** The realm roles, each with the demo user who holds it alone ({@link #SERVICE_CLIENT} for the service role). */
    public static final Map<String, String> USERS = users();
    /** Who calls as the service role: the local realm's confidential client of the services. */
    public static final String SERVICE_CLIENT = "client:kaohe-services";
    /** Another unit's reporter and head, each with the user of {@link #UNIT} in the same role. */
    private static final Map<String, String> OTHER_UNIT = Map.of("reporter.zjfy", "reporter.sjw", "head.zjfy", "head.sjw");
    private static final String ROLE_LEVEL_REFUSAL = "platform.forbidden";
    private static final String PLACEHOLDER_ID = "7d0e4f4e-0000-4000-8000-00000000abcd";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static final String ANY_UNIT = "any-unit";

    private final Map<String, Set<String>> rows;

    private RoleMatrix(Map<String, Set<String>> rows) {
        this.rows = rows;
    }

    /** Reads a matrix from the test class path (e.g. {@code /role-matrix.tsv}). */
    /**
     * What every service's RoleMatrixIT does: its own {@code /role-matrix.tsv} against the running service, the document
     * read at {@code /actuator/openapi} on its management port; the outcome logged (with the calls a placeholder
     * could not judge) and answered.
     */
    public static Outcome verifyService(int applicationPort, int managementPort) {
        Outcome outcome = fromClassPath("/role-matrix.tsv").verify("http://127.0.0.1:" + applicationPort,
                "http://127.0.0.1:" + managementPort + "/actuator/openapi");
        org.slf4j.LoggerFactory.getLogger(RoleMatrix.class).info(
                "role matrix: {} operations, {} calls in {} ms; other-unit calls a placeholder cannot judge: {}",
                outcome.operations(), outcome.calls(), outcome.took().toMillis(), outcome.unjudged());
        return outcome;
    }

    public static RoleMatrix fromClassPath(String resource) {
        try (InputStream in = RoleMatrix.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + resource + " on the class path");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RoleMatrix parse(InputStream in) throws IOException {
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (text.isEmpty()) {
                continue;
            }
            String[] cells = text.split("\\s+");
            if (cells.length != 3 && !(cells.length == 4 && cells[3].equals(ANY_UNIT))) {
                throw new IllegalArgumentException("line " + number + ": METHOD /path roles [any-unit], not " + line);
            }
            Set<String> roles = new TreeSet<>(List.of(cells[2].split(",")));
            for (String role : roles) {
                if (!Set.of("*", "anonymous", "nobody").contains(role) && !USERS.containsKey(role)) {
                    throw new IllegalArgumentException("line " + number + ": no such role " + role);
                }
            }
            if (cells.length == 4) {
                roles.add(ANY_UNIT);
            }
            if (rows.put(cells[0].toUpperCase() + " " + cells[1], roles) != null) {
                throw new IllegalArgumentException("line " + number + ": a second row for " + cells[0] + " " + cells[1]);
            }
        }
        return new RoleMatrix(rows);
    }

    /**
     * What {@link #verify} did: the operations, the calls, the other-unit calls a placeholder could not judge (the
     * other unit's user refused as the unit's own was, e.g. by the body's validation, before the unit was looked at)
     * and how long it all took.
     */
    public record Outcome(int operations, int calls, List<String> unjudged, Duration took) {
    }

    /**
     * Reads the OpenAPI document at {@code documentUrl} (the management port's {@code /actuator/openapi}), checks
     * it against the rows and calls every operation at {@code applicationUrl} as nobody and as every role.
     *
     * @throws AssertionError listing every operation without a row, every row without an operation and every
     *                        call that answered otherwise than its row says
     */
    public Outcome verify(String applicationUrl, String documentUrl) {
        long start = System.nanoTime();
        JsonNode document = document(documentUrl);
        Map<String, JsonNode> operations = operations(document);
        List<String> faults = new ArrayList<>();
        for (String operation : operations.keySet()) {
            if (!rows.containsKey(operation)) {
                faults.add("no row in the matrix for " + operation + " (a new endpoint needs an explicit rule)");
            }
        }
        for (String row : rows.keySet()) {
            if (!operations.containsKey(row)) {
                faults.add("the matrix names " + row + ", which the OpenAPI document does not have");
            }
        }
        int calls = 0;
        List<String> unjudged = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : operations.entrySet()) {
            Set<String> allowed = rows.get(entry.getKey());
            if (allowed == null) {
                continue;
            }
            Call call = new Call(entry.getKey(), entry.getValue(), applicationUrl);
            Answer anonymous = call.as(null);
            calls++;
            if (allowed.contains("anonymous")) {
                if (anonymous.status == 401 || anonymous.roleRefusal()) {
                    faults.add(call + " without a token: " + anonymous + ", but the row opens it to anyone");
                }
            } else if (anonymous.status != 401) {
                faults.add(call + " without a token: " + anonymous + ", not 401");
            }
            checkNoServerError(faults, call, "no token", anonymous);
            Map<String, Answer> answers = new LinkedHashMap<>();
            for (Map.Entry<String, String> role : USERS.entrySet()) {
                Answer answer = call.as(role.getValue());
                answers.put(role.getValue(), answer);
                calls++;
                checkNoServerError(faults, call, role.getValue(), answer);
                boolean may = allowed.contains("*") || allowed.contains("anonymous") || allowed.contains(role.getKey());
                if (may && (answer.status == 401 || answer.roleRefusal())) {
                    faults.add(call + " as " + role.getValue() + " (" + role.getKey() + "): " + answer
                            + ", but the row lets " + role.getKey() + " through");
                } else if (!may && !answer.roleRefusal()) {
                    faults.add(call + " as " + role.getValue() + " (" + role.getKey() + "): " + answer
                            + ", not the role-level 403 (" + ROLE_LEVEL_REFUSAL + ")");
                }
            }
            if (call.unitScoped && !allowed.contains(ANY_UNIT)) {
                for (Map.Entry<String, String> pair : OTHER_UNIT.entrySet()) {
                    String outsider = pair.getKey();
                    Answer answer = call.as(outsider);
                    Answer insider = answers.get(pair.getValue());
                    calls++;
                    checkNoServerError(faults, call, outsider, answer);
                    if (answer.status == 403 || answer.status == 404 && !answer.sameAs(insider)) {
                        continue; // refused: 403, or a 404 the unit's own user does not get ("no unit you can reach")
                    }
                    if (answer.status >= 400 && answer.sameAs(insider)) {
                        // Refused for the placeholder before the unit was looked at (a body's validation, an unknown
                        // object), as the unit's own user is: this call cannot tell; listed, not passed in silence.
                        unjudged.add(call + " as " + outsider + ": " + answer.status + " " + answer.code()
                                + ", as " + pair.getValue());
                        continue;
                    }
                    faults.add(call + " as " + outsider + " of another unit: " + answer + ", not refused ("
                            + pair.getValue() + " got " + insider.status + ")");
                }
            }
        }
        if (!faults.isEmpty()) {
            throw new AssertionError(faults.size() + " faults in the role matrix:\n  " + String.join("\n  ", faults));
        }
        return new Outcome(operations.size(), calls, List.copyOf(unjudged), Duration.ofNanos(System.nanoTime() - start));
    }

    private static void checkNoServerError(List<String> faults, Call call, String who, Answer answer) {
        if (answer.status >= 500) {
            faults.add(call + " as " + who + ": " + answer + " (a server error on a placeholder)");
        }
    }

    private static JsonNode document(String url) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("the OpenAPI document at " + url + " answered " + response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("the OpenAPI document at " + url + " is not JSON", e);
        }
    }

    private static Map<String, JsonNode> operations(JsonNode document) {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (Set.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                    ObjectNodeWithPath operation = new ObjectNodeWithPath(path.getValue(), method.getValue());
                    operations.put(method.getKey().toUpperCase() + " " + path.getKey(), operation.merged());
                }
            }
        }
        return operations;
    }

    /** An operation's own parameters and those its path declares for every method. */
    private record ObjectNodeWithPath(JsonNode path, JsonNode operation) {
        JsonNode merged() {
            com.fasterxml.jackson.databind.node.ObjectNode copy = operation.deepCopy();
            if (path.has("parameters")) {
                com.fasterxml.jackson.databind.node.ArrayNode parameters = copy.withArray("parameters");
                path.get("parameters").forEach(parameters::add);
            }
            return copy;
        }
    }

    private static final class Call {
        final String method;
        final String template;
        final URI uri;
        final String contentType;
        final boolean unitScoped;

        Call(String operation, JsonNode spec, String applicationUrl) {
            this.method = operation.substring(0, operation.indexOf(' '));
            this.template = operation.substring(operation.indexOf(' ') + 1);
            String path = template;
            boolean unit = false;
            Map<String, String> query = new LinkedHashMap<>();
            for (JsonNode parameter : spec.path("parameters")) {
                String name = parameter.path("name").asText();
                String in = parameter.path("in").asText();
                String variable = "{" + name + "}";
                boolean unitCode = isUnit(name) || template.contains("/units/" + variable);
                String value = unitCode ? UNIT : placeholder(name, parameter.path("schema"));
                if (in.equals("path")) {
                    // A unit's own things: the unit named by the variable, and what lies under it.
                    unit |= isUnit(name) || template.contains("/units/" + variable + "/");
                    path = path.replace(variable, enc(value));
                } else if (in.equals("query") && parameter.path("required").asBoolean()) {
                    query.put(name, value);
                }
            }
            StringBuilder url = new StringBuilder(applicationUrl).append(path);
            String separator = "?";
            for (Map.Entry<String, String> q : query.entrySet()) {
                url.append(separator).append(enc(q.getKey())).append('=').append(enc(q.getValue()));
                separator = "&";
            }
            this.uri = URI.create(url.toString());
            this.unitScoped = unit;
            JsonNode content = spec.path("requestBody").path("content");
            Set<String> types = new LinkedHashSet<>();
            content.fieldNames().forEachRemaining(types::add);
            this.contentType = types.isEmpty() ? null
                    : types.contains("application/json") ? "application/json" : types.iterator().next();
        }

        Answer as(String user) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json, application/problem+json, */*")
                    .header("Accept-Language", "en");
            if (user != null) {
                request.header("Authorization", "Bearer " + token(user));
            }
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
            if (contentType != null) {
                if (contentType.startsWith("multipart/")) {
                    request.header("Content-Type", "multipart/form-data; boundary=rolematrix");
                    body = HttpRequest.BodyPublishers.ofString("--rolematrix--\r\n");
                } else if (contentType.contains("json")) {
                    request.header("Content-Type", contentType);
                    body = HttpRequest.BodyPublishers.ofString("{}");
                } else {
                    request.header("Content-Type", contentType);
                    body = HttpRequest.BodyPublishers.ofByteArray(new byte[0]);
                }
            }
            request.method(method, body);
            HttpResponse<String> response = send(request);
            return new Answer(response.statusCode(), response.body());
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private record Answer(int status, String body) {
        boolean roleRefusal() {
            return status == 403 && ROLE_LEVEL_REFUSAL.equals(code());
        }

        /** The problem detail's code (or its title when it has none). */
        String code() {
            try {
                JsonNode problem = JSON.readTree(body);
                return problem.hasNonNull("code") ? problem.get("code").asText() : problem.path("title").asText();
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }

        boolean sameAs(Answer other) {
            return other != null && status == other.status && code().equals(other.code());
        }

        @Override
        public String toString() {
            String text = body == null ? "" : body.replaceAll("\\s+", " ");
            return status + (text.isEmpty() ? "" : " " + (text.length() > 160 ? text.substring(0, 160) + "…" : text));
        }
    }

    private static volatile String serviceToken;

    private static String token(String user) {
        if (!user.equals(SERVICE_CLIENT)) {
            return Tokens.forUser(user);
        }
        if (serviceToken == null) {
            serviceToken = Tokens.forClient(Tokens.issuer(), "kaohe-services", "kaohe-services-local-secret");
        }
        return serviceToken;
    }

    static boolean isUnit(String name) {
        return name.equals("unit") || name.equals("unitCode");
    }

    private static String placeholder(String name, JsonNode schema) {
        if (isUnit(name)) {
            return UNIT;
        }
        if ("uuid".equals(schema.path("format").asText())) {
            return PLACEHOLDER_ID;
        }
        String type = schema.path("type").asText();
        if (type.equals("integer") || type.equals("number")) {
            return "1";
        }
        if (type.equals("boolean")) {
            return "false";
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0).asText();
        }
        return "x1";
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, String> users() {
        Map<String, String> users = new LinkedHashMap<>();
        users.put("office-admin", "office");
        users.put("leader", "leader");
        users.put("unit-reporter", "reporter.sjw");
        users.put("unit-head", "head.sjw");
        users.put("dept-reviewer", "reviewer.fpymj");
        users.put("inspector", "inspector.1");
        users.put("system-admin", "sysadmin");
        users.put("security-admin", "secadmin");
        users.put("audit-admin", "auditor");
        users.put("service", SERVICE_CLIENT);
        return java.util.Collections.unmodifiableMap(users);
    }
}
