package io.kaohe.notification.channels;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A POST whose failure to connect is a {@link Channel.SendFailure} in words. */
final class Http {

    private Http() {
    }

    static HttpResponse<String> post(HttpClient http, HttpRequest request) throws Channel.SendFailure {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Channel.SendFailure("cannot reach " + request.uri().getHost() + ": " + EmailChannel.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Channel.SendFailure("interrupted while sending", e);
        }
    }

    static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
