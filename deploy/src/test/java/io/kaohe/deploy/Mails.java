package io.kaohe.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.servers.MailServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** What the platform's GreenMail received for an address: subjects and decoded plain-text bodies. */
final class Mails {

    private static final Pattern BASE64 = Pattern.compile("(?im)^Content-Transfer-Encoding:\\s*base64");
    private static final Pattern QUOTED = Pattern.compile("(?im)^Content-Transfer-Encoding:\\s*quoted-printable");

    record Mail(String subject, String text) {
    }

    private Mails() {
    }

    static List<Mail> to(String address) throws Exception {
        String api = "http://127.0.0.1:" + RunningPlatform.PORTS.mailApi();
        List<Mail> mails = new ArrayList<>();
        for (JsonNode message : RunningPlatform.JSON.readTree(MailServer.inbox(api, address))) {
            mails.add(new Mail(message.path("subject").asText(), text(message.path("mimeMessage").asText())));
        }
        return mails;
    }

    /** A single-part message's body, decoded from base64 or quoted-printable. */
    static String text(String mime) {
        int split = mime.indexOf("\r\n\r\n");
        String headers = split < 0 ? mime : mime.substring(0, split);
        String body = split < 0 ? "" : mime.substring(split + 4);
        if (BASE64.matcher(headers).find()) {
            return new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
        }
        if (QUOTED.matcher(headers).find()) {
            String joined = body.replace("=\r\n", "").replace("=\n", "");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < joined.length(); i++) {
                char c = joined.charAt(i);
                if (c == '=' && i + 2 < joined.length()) {
                    bytes.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    bytes.write(c);
                }
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
        return body;
    }
}
