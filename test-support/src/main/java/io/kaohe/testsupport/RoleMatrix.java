package io.kaohe.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.testsupport.Call.Answer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
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
    static final String ROLE_LEVEL_REFUSAL = "platform.forbidden";
    static final ObjectMapper JSON = new ObjectMapper();

    static final String ANY_UNIT = "any-unit";

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
        Outsiders outsiders = new Outsiders();
        for (Map.Entry<String, JsonNode> entry : readsFirst(operations)) {
            Set<String> allowed = rows.get(entry.getKey());
            if (allowed == null) {
                continue;
            }
            Call call = new Call(entry.getKey(), entry.getValue(), applicationUrl, given);
            Answer anonymous = call.as(null);
            calls++;
            if (allowed.contains("anonymous")) {
                if (anonymous.status() == 401 || anonymous.roleRefusal()) {
                    faults.add(call + " without a token: " + anonymous + ", but the row opens it to anyone");
                }
            } else if (anonymous.status() != 401) {
                faults.add(call + " without a token: " + anonymous + ", not 401");
            }
            checkNoServerError(faults, call, "no token", anonymous);
            calls += outsiders.ask(call, allowed, faults);
            for (Map.Entry<String, String> role : USERS.entrySet()) {
                Answer answer = call.as(role.getValue());
                calls++;
                checkNoServerError(faults, call, role.getValue(), answer);
                boolean may = allowed.contains("*") || allowed.contains("anonymous") || allowed.contains(role.getKey());
                if (may && (answer.status() == 401 || answer.roleRefusal())) {
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
        return new Outcome(operations.size(), calls, outsiders.refused(), outsiders.unjudged(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The operations with the reads first and the deletions last, each group in the document's order. */
    static List<Map.Entry<String, JsonNode>> readsFirst(Map<String, JsonNode> operations) {
        List<Map.Entry<String, JsonNode>> ordered = new ArrayList<>(operations.entrySet());
        ordered.sort(java.util.Comparator.comparingInt(e -> e.getKey().startsWith("GET ") ? 0
                : e.getKey().startsWith("DELETE ") ? 2 : 1));
        return ordered;
    }

    static void checkNoServerError(List<String> faults, Call call, String who, Answer answer) {
        if (answer.status() >= 500) {
            faults.add(call + " as " + who + ": " + answer + " (a server error)");
        }
    }

    private static JsonNode document(String url) {
        HttpResponse<String> response = Call.send(HttpRequest.newBuilder(URI.create(url)).GET());
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
