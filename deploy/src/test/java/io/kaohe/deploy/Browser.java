package io.kaohe.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Just enough of a browser: follows no redirects by itself, and keeps cookies per origin,
 * sending them back as plain name=value pairs (Java's CookieManager writes the RFC 2965
 * form with $Path and $Domain, which Keycloak does not read).
 */
final class Browser {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Map<String, String>> cookies = new java.util.HashMap<>();

    HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).GET(), url);
    }

    HttpResponse<String> postForm(String url, String form) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), url);
    }

    HttpResponse<String> postJson(String url, String json, String xsrfToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (xsrfToken != null) {
            request.header("X-XSRF-TOKEN", xsrfToken);
        }
        return send(request, url);
    }

    String cookie(String url, String name) {
        return cookies.getOrDefault(origin(url), Map.of()).get(name);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String url) throws Exception {
        request.timeout(Duration.ofSeconds(120));
        String origin = origin(url);
        Map<String, String> jar = cookies.computeIfAbsent(origin, o -> new java.util.LinkedHashMap<>());
        if (!jar.isEmpty()) {
            request.header("Cookie", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("set-cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            jar.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return response;
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }
}
