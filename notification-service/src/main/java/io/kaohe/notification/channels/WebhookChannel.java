package io.kaohe.notification.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic webhook: the notification as JSON, POSTed to the person's URL, signed so the receiver can
 * tell it came from us: {@code X-Kaohe-Timestamp} (epoch seconds) and {@code X-Kaohe-Signature:
 * sha256=<hex HMAC-SHA256 of "timestamp.body" with the shared secret>}. Any 2xx answer is accepted;
 * redirects are not followed.
 */
public class WebhookChannel implements Channel {

    public static final String NAME = "WEBHOOK";
    public static final String SIGNATURE = "X-Kaohe-Signature";
    public static final String TIMESTAMP = "X-Kaohe-Timestamp";

    private final HttpClient http;
    private final ObjectMapper json;
    private final byte[] secret;
    private final Clock clock;

    public WebhookChannel(HttpClient http, ObjectMapper json, String secret, Clock clock) {
        this.http = http;
        this.json = json;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(Message message) throws SendFailure {
        String body = body(message);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(message.address()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, "sha256=" + sign(secret, timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = Http.post(http, request);
        if (response.statusCode() / 100 != 2) {
            throw new SendFailure("webhook answered HTTP " + response.statusCode() + ": " + Http.abbreviate(response.body()));
        }
    }

    String body(Message message) throws SendFailure {
        ObjectNode root = json.createObjectNode();
        root.put("username", message.username());
        root.put("language", message.language());
        root.put("subject", message.subject());
        ArrayNode items = root.putArray("notifications");
        for (Message.Item item : message.items()) {
            ObjectNode n = items.addObject();
            n.put("id", item.eventId());
            n.put("kind", item.kind());
            n.put("title", item.title());
            n.put("text", item.body());
            n.put("link", item.link());
            n.put("cycleId", item.cycleId());
            n.put("unitCode", item.unitCode());
            n.put("taskId", item.taskId());
            n.put("occurredAt", item.occurredAt() == null ? null : item.occurredAt().toString());
        }
        try {
            return json.writeValueAsString(root);
        } catch (IOException e) {
            throw new SendFailure("cannot write the webhook's JSON", e);
        }
    }

    /** Hex HMAC-SHA256: what a receiver computes to check {@code X-Kaohe-Signature}. */
    public static String sign(byte[] secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
