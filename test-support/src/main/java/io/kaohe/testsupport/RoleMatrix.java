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
 * <li>an operation on a unit's own things (a path variable {@code {unitCode}} or {@code {unit}}, one right after
 * {@code /units/} with more path after it, or a variable the service's test gave a real object of the unit for, see
 * {@link Given#unitObject}, or a body naming one, {@link Given#unitBody}) is called for {@link #UNIT}; there the other unit's reporter and head are refused,
 * whatever the row, unless the row ends in {@code any-unit} (what every unit may read of every other, a decision
 * written down beside the row); and, when the row lets inspectors through, so is an inspector who does not inspect
 * {@link #UNIT} ({@code any-unit} frees the other unit's people, not an inspector of other units);</li>
 * <li>an operation on an assessing department's own things (a path variable {@code {departmentCode}} or
 * {@code {department}}, one right after {@code /departments/} with more path after it, or a variable given a real
 * object of the department, {@link Given#departmentObject}, or a body naming one) is called for {@link #DEPARTMENT}; there another
 * department's reviewer is refused.</li>
 * </ul>
 * Refused means 403, or a 404 some insider (the same role's user of {@link #UNIT} or {@link #DEPARTMENT}, or the
 * inspector of {@link #UNIT}) does not get: the thing is there; an answer the same as the insider's (a body's
 * validation, an unknown placeholder object) cannot tell and is listed in {@link Outcome#unjudged()}, not passed in
 * silence. All outsiders are asked first, then the insiders, then the roles: an outsider meets a real object as the
 * service's test left it, whatever an insider then does to it.
 * Values: what the service's test gave ({@link Given}: real objects for path variables and query parameters of that
 * name, a body for an operation), otherwise placeholders: a UUID for uuid-formatted variables, 1 for numbers,
 * {@link #UNIT} for units, {@link #DEPARTMENT} for departments, {@code x1} otherwise; a body of {@code {}} (JSON), an
 * empty multipart form, or no bytes. Reads (GET) are called first and deletions last, so that the real objects are
 * still there for the reads. One token per user ({@link Tokens#forUser}; the service role's by the
 * client-credentials grant of {@code kaohe-services}), one plain HTTP client, no waiting.
 */
public final class RoleMatrix {

    /** The unit a unit-scoped operation is called for: the unit of reporter.sjw and head.sjw. */
    public static final String UNIT = "bz-sjw";
    /** The realm roles, each with the demo user who holds it alone ({@link #SERVICE_CLIENT} for the service role). */
    public static final Map<String, String> USERS = users();
    /** Who calls as the service role: the local realm's confidential client of the services. */
    public static final String SERVICE_CLIENT = "client:kaohe-services";
    /** The assessing department a department-scoped operation is called for: the department of reviewer.fpymj. */
    public static final String DEPARTMENT = "sfpymj";
    /** Who must be refused the things of {@link #UNIT} or {@link #DEPARTMENT}, each with the insider it is compared with. */
    static final List<Outsider> OUTSIDERS = List.of(
            new Outsider("reporter.zjfy", "reporter.sjw", Scope.OTHER_UNIT),
            new Outsider("head.zjfy", "head.sjw", Scope.OTHER_UNIT),
            new Outsider("reviewer.swzzb", "reviewer.fpymj", Scope.OTHER_DEPARTMENT),
            new Outsider("inspector.2", "inspector.1", Scope.UNINSPECTED_UNIT));
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

    /** Whose things an outsider is asked for. */
    public enum Scope {
        /** Another unit's people, on {@link #UNIT}'s things (not where the row says {@code any-unit}). */
        OTHER_UNIT,
        /** Another department's reviewer, on {@link #DEPARTMENT}'s things. */
        OTHER_DEPARTMENT,
        /** An inspector whose units do not include {@link #UNIT}, on its things (where the row lets inspectors in). */
        UNINSPECTED_UNIT
    }

    /** A demo user who must be refused, and the user the answer is compared with, who may reach the things. */
    record Outsider(String user, String insider, Scope scope) {
    }

    /**
     * What a service's RoleMatrixIT gives instead of placeholders: real objects (by path variable or query parameter
     * name, or by a path prefix naming the variable, e.g. {@code /api/evidence/self-assessments/{id}}, when one name
     * means different things on different paths; the longest prefix wins) and bodies (by operation, {@code "POST /path/{var}"}).
     */
    public static final class Given {
        final Map<String, String> values = new LinkedHashMap<>();
        final Set<String> ofUnit = new LinkedHashSet<>();
        final Set<String> ofDepartment = new LinkedHashSet<>();
        final Map<String, String> bodies = new LinkedHashMap<>();
        final Set<String> unitBodies = new LinkedHashSet<>();
        final Set<String> departmentBodies = new LinkedHashSet<>();

        private Given() {
        }

        public static Given nothing() {
            return new Given();
        }

        /** An object of {@link #UNIT}: the operations naming it are the unit's own. */
        public Given unitObject(String name, String value) {
            values.put(name, value);
            ofUnit.add(name);
            return this;
        }

        /** An object of {@link #DEPARTMENT} (it may be {@link #UNIT}'s too): the operations naming it are the department's. */
        public Given departmentObject(String name, String value) {
            values.put(name, value);
            ofDepartment.add(name);
            return this;
        }

        /** A real value that belongs to no unit or department (a cycle): the operation reaches its objects. */
        public Given value(String name, String value) {
            values.put(name, value);
            return this;
        }

        /** The body to send to one operation ({@code "POST /api/..."}), e.g. a valid request, so that validation passes. */
        public Given body(String operation, String json) {
            bodies.put(operation, json);
            return this;
        }

        /** A body that names a thing of {@link #UNIT} (e.g. a decision on one of its items): the operation is the unit's. */
        public Given unitBody(String operation, String json) {
            unitBodies.add(operation);
            return body(operation, json);
        }

        /** A body that names a thing of {@link #DEPARTMENT} (an item it assesses): the operation is the department's. */
        public Given departmentBody(String operation, String json) {
            departmentBodies.add(operation);
            return body(operation, json);
        }

        /** The key this variable of this path is given under: the longest path prefix naming it, else its bare name. */
        String keyFor(String template, String name) {
            String found = values.containsKey(name) ? name : null;
            for (String key : values.keySet()) {
                if (key.startsWith("/") && key.contains("{" + name + "}") && template.startsWith(key)
                        && (found == null || !found.startsWith("/") || key.length() > found.length())) {
                    found = key;
                }
            }
            return found;
        }
    }

    /** Reads a matrix from the test class path (e.g. {@code /role-matrix.tsv}). */
    /**
     * What every service's RoleMatrixIT does: its own {@code /role-matrix.tsv} against the running service, the document
     * read at {@code /actuator/openapi} on its management port; the outcome logged (with the outsider calls nothing
     * could judge) and answered.
     */
    public static Outcome verifyService(int applicationPort, int managementPort) {
        return verifyService(applicationPort, managementPort, Given.nothing());
    }

    /** As {@link #verifyService(int, int)}, with the service's real objects and bodies in place of placeholders. */
    public static Outcome verifyService(int applicationPort, int managementPort, Given given) {
        Outcome outcome = fromClassPath("/role-matrix.tsv").verify("http://127.0.0.1:" + applicationPort,
                "http://127.0.0.1:" + managementPort + "/actuator/openapi", given);
        org.slf4j.LoggerFactory.getLogger(RoleMatrix.class).info(
                "role matrix: {} operations, {} calls in {} ms; outsiders refused {}; {} outsider calls nothing could "
                        + "judge: {}", outcome.operations(), outcome.calls(), outcome.took().toMillis(), outcome.refused(),
                outcome.unjudged().size(), outcome.unjudged());
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
     * What {@link #verify} did: the operations, the calls, the outsider calls refused (by whose things they were
     * asked for), the outsider calls nothing could judge (the outsider
     * refused as the insider was, e.g. by the body's validation or an unknown placeholder, before the unit or
     * department was looked at) and how long it all took.
     */
    public record Outcome(int operations, int calls, Map<Scope, Integer> refused, List<String> unjudged, Duration took) {
    }

    /**
     * Reads the OpenAPI document at {@code documentUrl} (the management port's {@code /actuator/openapi}), checks
     * it against the rows and calls every operation at {@code applicationUrl} as nobody and as every role.
     *
     * @throws AssertionError listing every operation without a row, every row without an operation and every
     *                        call that answered otherwise than its row says
     */
    public Outcome verify(String applicationUrl, String documentUrl) {
        return verify(applicationUrl, documentUrl, Given.nothing());
    }

    /** As {@link #verify(String, String)}, with real objects and bodies. */
    public Outcome verify(String applicationUrl, String documentUrl, Given given) {
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
        Map<Scope, Integer> refused = new java.util.EnumMap<>(Scope.class);
        for (Scope scope : Scope.values()) {
            refused.put(scope, 0);
        }
        for (Map.Entry<String, JsonNode> entry : readsFirst(operations)) {
            Set<String> allowed = rows.get(entry.getKey());
            if (allowed == null) {
                continue;
            }
            Call call = new Call(entry.getKey(), entry.getValue(), applicationUrl, given);
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
            // Every outsider first, on the things as the test (or an earlier operation) left them; then the insiders,
            // the first of whom may change them (withdraw a file, cancel an upload) before the next is asked.
            Map<Outsider, Answer> outsiders = new LinkedHashMap<>();
            for (Outsider outsider : OUTSIDERS) {
                if (asks(outsider.scope(), call, allowed)) {
                    Answer answer = call.as(outsider.user());
                    calls++;
                    checkNoServerError(faults, call, outsider.user(), answer);
                    outsiders.put(outsider, answer);
                }
            }
            Map<String, Answer> insiders = new LinkedHashMap<>();
            for (Outsider outsider : outsiders.keySet()) {
                if (!insiders.containsKey(outsider.insider())) {
                    Answer answer = call.as(outsider.insider());
                    calls++;
                    checkNoServerError(faults, call, outsider.insider(), answer);
                    insiders.put(outsider.insider(), answer);
                }
            }
            for (Map.Entry<Outsider, Answer> asked : outsiders.entrySet()) {
                Outsider outsider = asked.getKey();
                Answer answer = asked.getValue();
                List<Answer> sameScope = outsiders.keySet().stream().filter(o -> o.scope() == outsider.scope())
                        .map(o -> insiders.get(o.insider())).distinct().toList();
                switch (judge(answer, sameScope, List.copyOf(insiders.values()))) {
                    case REFUSED -> refused.merge(outsider.scope(), 1, Integer::sum);
                    case UNJUDGED -> unjudged.add(call + " as " + outsider.user() + ": " + answer.status + " "
                            + answer.code() + ", as " + outsider.insider());
                    case NOT_REFUSED -> faults.add(call + " as " + outsider.user() + " (" + describe(outsider.scope())
                            + "): " + answer + ", not refused (" + outsider.insider() + " got "
                            + insiders.get(outsider.insider()).status + ")");
                }
            }
            for (Map.Entry<String, String> role : USERS.entrySet()) {
                Answer answer = call.as(role.getValue());
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
        }
        if (!faults.isEmpty()) {
            throw new AssertionError(faults.size() + " faults in the role matrix:\n  " + String.join("\n  ", faults));
        }
        return new Outcome(operations.size(), calls, java.util.Collections.unmodifiableMap(refused), List.copyOf(unjudged),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Whether this outsider is asked on this operation under this row. */
    static boolean asks(Scope scope, Call call, Set<String> allowed) {
        return switch (scope) {
            case OTHER_UNIT -> call.unitScoped && !allowed.contains(ANY_UNIT);
            case OTHER_DEPARTMENT -> call.departmentScoped;
            case UNINSPECTED_UNIT -> call.unitScoped && (allowed.contains("*") || allowed.contains("inspector"));
        };
    }

    private static String describe(Scope scope) {
        return switch (scope) {
            case OTHER_UNIT -> "of another unit";
            case OTHER_DEPARTMENT -> "of another department";
            case UNINSPECTED_UNIT -> "an inspector not of " + UNIT;
        };
    }

    enum Verdict { REFUSED, UNJUDGED, NOT_REFUSED }

    /**
     * An outsider's answer against the insiders' at the same operation: 403 is a refusal, and so is a 404 when any
     * insider got something else (the thing is there: "nothing you can reach"); any other refusal that an insider of
     * the same kind got too (a body's validation, an unknown placeholder object) tells nothing, and so does a 404 all
     * insiders got; anything else lets the outsider through.
     *
     * @param sameScope the answers of the insiders the outsider is compared with (of its unit, department, inspection)
     * @param all       the answers of every insider asked at this operation
     */
    static Verdict judge(Answer outsider, List<Answer> sameScope, List<Answer> all) {
        if (outsider.status == 403) {
            return Verdict.REFUSED;
        }
        if (outsider.status == 404) {
            return all.stream().anyMatch(insider -> !outsider.sameAs(insider)) ? Verdict.REFUSED : Verdict.UNJUDGED;
        }
        if (outsider.status >= 400 && sameScope.stream().anyMatch(outsider::sameAs)) {
            return Verdict.UNJUDGED;
        }
        return Verdict.NOT_REFUSED;
    }

    /** The operations with the reads first and the deletions last, each group in the document's order. */
    static List<Map.Entry<String, JsonNode>> readsFirst(Map<String, JsonNode> operations) {
        List<Map.Entry<String, JsonNode>> ordered = new ArrayList<>(operations.entrySet());
        ordered.sort(java.util.Comparator.comparingInt(e -> e.getKey().startsWith("GET ") ? 0
                : e.getKey().startsWith("DELETE ") ? 2 : 1));
        return ordered;
    }

    private static void checkNoServerError(List<String> faults, Call call, String who, Answer answer) {
        if (answer.status >= 500) {
            faults.add(call + " as " + who + ": " + answer + " (a server error)");
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

    static final class Call {
        final String method;
        final String template;
        final URI uri;
        final String contentType;
        final String body;
        final boolean unitScoped;
        final boolean departmentScoped;

        Call(String operation, JsonNode spec, String applicationUrl, Given given) {
            this.method = operation.substring(0, operation.indexOf(' '));
            this.template = operation.substring(operation.indexOf(' ') + 1);
            String path = template;
            boolean unit = false;
            boolean department = false;
            Map<String, String> query = new LinkedHashMap<>();
            for (JsonNode parameter : spec.path("parameters")) {
                String name = parameter.path("name").asText();
                String in = parameter.path("in").asText();
                String variable = "{" + name + "}";
                boolean unitCode = isUnit(name) || template.contains("/units/" + variable);
                boolean departmentCode = isDepartment(name) || template.contains("/departments/" + variable);
                String key = given.keyFor(template, name);
                String value = key != null ? given.values.get(key) : unitCode ? UNIT : departmentCode ? DEPARTMENT
                        : placeholder(name, parameter.path("schema"));
                boolean ofUnit = key != null && given.ofUnit.contains(key);
                boolean ofDepartment = key != null && given.ofDepartment.contains(key);
                if (in.equals("path")) {
                    // A unit's own things: the unit named by the variable, what lies under it, its real objects.
                    unit |= isUnit(name) || template.contains("/units/" + variable + "/") || ofUnit;
                    department |= isDepartment(name) || template.contains("/departments/" + variable + "/")
                            || ofDepartment;
                    path = path.replace(variable, enc(value));
                } else if (in.equals("query") && (parameter.path("required").asBoolean() || key != null)) {
                    query.put(name, value);
                    unit |= ofUnit;
                    department |= ofDepartment;
                }
            }
            StringBuilder url = new StringBuilder(applicationUrl).append(path);
            String separator = "?";
            for (Map.Entry<String, String> q : query.entrySet()) {
                url.append(separator).append(enc(q.getKey())).append('=').append(enc(q.getValue()));
                separator = "&";
            }
            this.uri = URI.create(url.toString());
            this.unitScoped = unit || given.unitBodies.contains(operation);
            this.departmentScoped = department || given.departmentBodies.contains(operation);
            JsonNode content = spec.path("requestBody").path("content");
            Set<String> types = new LinkedHashSet<>();
            content.fieldNames().forEachRemaining(types::add);
            String givenBody = given.bodies.get(operation);
            this.contentType = givenBody != null ? "application/json" : types.isEmpty() ? null
                    : types.contains("application/json") ? "application/json" : types.iterator().next();
            this.body = givenBody != null ? givenBody : "{}";
        }

        Answer as(String user) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json, application/problem+json, */*")
                    .header("Accept-Language", "en");
            if (user != null) {
                request.header("Authorization", "Bearer " + token(user));
            }
            HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
            if (contentType != null) {
                if (contentType.startsWith("multipart/")) {
                    request.header("Content-Type", "multipart/form-data; boundary=rolematrix");
                    publisher = HttpRequest.BodyPublishers.ofString("--rolematrix--\r\n");
                } else if (contentType.contains("json")) {
                    request.header("Content-Type", contentType);
                    publisher = HttpRequest.BodyPublishers.ofString(this.body);
                } else {
                    request.header("Content-Type", contentType);
                    publisher = HttpRequest.BodyPublishers.ofByteArray(new byte[0]);
                }
            }
            request.method(method, publisher);
            HttpResponse<String> response = send(request);
            return new Answer(response.statusCode(), response.body());
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    record Answer(int status, String body) {
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

    static boolean isDepartment(String name) {
        return name.equals("department") || name.equals("departmentCode");
    }

    private static String placeholder(String name, JsonNode schema) {
        if (isUnit(name)) {
            return UNIT;
        }
        if (isDepartment(name)) {
            return DEPARTMENT;
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
