package io.kaohe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Just enough of a browser for a login through the gateway and Keycloak's form: follows no
 * redirects by itself, keeps cookies per origin and sends them back as plain name=value pairs
 * (Java's CookieManager writes the RFC 2965 form with $Path and $Domain, which Keycloak does not
 * read); over TLS it trusts the given certificates and nothing else.
 */
public final class CookieBrowser {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*?action=\"([^\"]+)\"", Pattern.DOTALL);
    private final HttpClient http;
    private final Map<String, Map<String, String>> cookies = new HashMap<>();

    /** A browser for plain HTTP (and the JDK's default trust). */
    public CookieBrowser() {
        http = client().build();
    }

    /** A browser that trusts only the certificates in {@code trusted}. */
    public CookieBrowser(KeyStore trusted) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        http = client().sslContext(tls).build();
    }

    private static HttpClient.Builder client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5));
    }

    public HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
    }

    /** Where the page's form posts to (Keycloak's login form, its one-time-code form); fails when the page has none. */
    public static String formAction(HttpResponse<String> page) {
        Matcher action = FORM_ACTION.matcher(page.body());
        assertThat(action.find()).as("a form on the page:\n%s", page.body()).isTrue();
        return action.group(1).replace("&amp;", "&");
    }

    public HttpResponse<String> postForm(String url, String form) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), url);
    }

    /** A JSON POST, with the gateway's CSRF token when given (the cookie XSRF-TOKEN's value). */
    public HttpResponse<String> postJson(String url, String json, String xsrfToken) throws Exception {
        return send(written(url, "POST", HttpRequest.BodyPublishers.ofString(json), "application/json", xsrfToken), url);
    }

    /** A JSON PUT, with the gateway's CSRF token. */
    public HttpResponse<String> putJson(String url, String json, String xsrfToken) throws Exception {
        return send(written(url, "PUT", HttpRequest.BodyPublishers.ofString(json), "application/json", xsrfToken), url);
    }

    /** A POST of raw bytes (an evidence file's content), with the gateway's CSRF token. */
    public HttpResponse<String> postBytes(String url, byte[] body, String contentType, String xsrfToken) throws Exception {
        return send(written(url, "POST", HttpRequest.BodyPublishers.ofByteArray(body), contentType, xsrfToken), url);
    }

    /** A GET whose body is read as a stream (a download). */
    public HttpResponse<InputStream> download(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), url, HttpResponse.BodyHandlers.ofInputStream());
    }

    private static HttpRequest.Builder written(String url, String method, HttpRequest.BodyPublisher body,
                                               String contentType, String xsrfToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .method(method, body);
        if (xsrfToken != null) {
            request.header("X-XSRF-TOKEN", xsrfToken);
        }
        return request;
    }

    /** The value of a cookie this browser holds for the URL's origin, or null. */
    public String cookie(String url, String name) {
        return cookies.getOrDefault(origin(url), Map.of()).get(name);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String url) throws Exception {
        return send(request, url, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, String url, HttpResponse.BodyHandler<T> body)
            throws Exception {
        request.timeout(TIMEOUT);
        Map<String, String> jar = cookies.computeIfAbsent(origin(url), o -> new LinkedHashMap<>());
        if (!jar.isEmpty()) {
            request.header("Cookie", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<T> response = http.send(request.build(), body);
        for (String setCookie : response.headers().allValues("set-cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            jar.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return response;
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }
}
