package io.kaohe.testsupport;

import static io.kaohe.testsupport.RoleMatrix.DEPARTMENT;
import static io.kaohe.testsupport.RoleMatrix.JSON;
import static io.kaohe.testsupport.RoleMatrix.ROLE_LEVEL_REFUSAL;
import static io.kaohe.testsupport.RoleMatrix.SERVICE_CLIENT;
import static io.kaohe.testsupport.RoleMatrix.UNIT;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.testsupport.RoleMatrix.Given;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One operation of a service's OpenAPI document as {@link RoleMatrix} calls it: its URL with the given objects or
 * placeholders in place of the variables, its body, whether it is on {@link RoleMatrix#UNIT}'s or
 * {@link RoleMatrix#DEPARTMENT}'s things; called as a user ({@link #as}), it gives an {@link Answer}.
 */
final class Call {

    private static final String PLACEHOLDER_ID = "7d0e4f4e-0000-4000-8000-00000000abcd";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

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

    static HttpResponse<String> send(HttpRequest.Builder request) {
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
}
