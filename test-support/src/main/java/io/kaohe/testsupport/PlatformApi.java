package io.kaohe.testsupport;

import java.io.InputStream;
import java.net.http.HttpResponse;

/**
 * The platform's public API as its people call it, each request made as one of them ({@code user}, a username of the
 * realm): through the gateway with a bearer token, or through the county's TLS proxy with a portal session, as the
 * drill at hand has it. Paths start with {@code /api/}.
 */
public interface PlatformApi {

    HttpResponse<String> get(String user, String path) throws Exception;

    /** A JSON write (POST, PUT); {@code json} may be null for an empty body. */
    HttpResponse<String> send(String user, String method, String path, String json) throws Exception;

    /** A file's bytes as the request body (evidence uploads). */
    HttpResponse<String> upload(String user, String path, byte[] content, String contentType) throws Exception;

    HttpResponse<InputStream> download(String user, String path) throws Exception;
}
