package io.kaohe.notification.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A 企业微信/政务微信 group robot: a markdown message POSTed to the robot's URL (its key is in the URL),
 * {@code {"msgtype":"markdown","markdown":{"content":"…"}}}. The robot answers 200 with
 * {@code {"errcode":0,"errmsg":"ok"}}; any other errcode is a failure (e.g. 45009: too many messages,
 * retried later).
 */
public class WeComRobotChannel implements Channel {

    public static final String NAME = "WECOM_ROBOT";
    /** The robot refuses markdown content over 4096 bytes. */
    static final int MAX_BYTES = 4096;

    private final HttpClient http;
    private final ObjectMapper json;

    public WeComRobotChannel(HttpClient http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(Message message) throws SendFailure {
        ObjectNode root = json.createObjectNode();
        root.put("msgtype", "markdown");
        root.putObject("markdown").put("content", markdown(message));
        String body;
        try {
            body = json.writeValueAsString(root);
        } catch (IOException e) {
            throw new SendFailure("cannot write the robot's JSON", e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(message.address()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = Http.post(http, request);
        if (response.statusCode() != 200) {
            throw new SendFailure("robot answered HTTP " + response.statusCode() + ": " + Http.abbreviate(response.body()));
        }
        try {
            JsonNode answer = json.readTree(response.body());
            if (answer.path("errcode").asInt(-1) != 0) {
                throw new SendFailure("robot refused: errcode " + answer.path("errcode").asText() + " "
                        + answer.path("errmsg").asText());
            }
        } catch (IOException e) {
            throw new SendFailure("robot answered something that is not JSON: " + Http.abbreviate(response.body()), e);
        }
    }

    /** "**title**", the body as a quote, a link to act on it; a digest lists each; cut to the robot's limit. */
    static String markdown(Message message) {
        StringBuilder md = new StringBuilder();
        if (message.items().size() == 1) {
            md.append("**").append(message.title()).append("**\n> ").append(message.body().replace("\n", "\n> "))
                    .append("\n[").append(message.title()).append("](").append(message.link()).append(')');
        } else {
            md.append("**").append(message.subject()).append("**\n");
            for (Message.Item item : message.items()) {
                md.append("- [").append(item.title()).append("](").append(item.link()).append(")\n");
            }
        }
        String text = md.toString();
        while (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            text = text.substring(0, text.length() - 64) + "…";
        }
        return text;
    }
}
