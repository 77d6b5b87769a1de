package io.kaohe.servers;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server for the local platform and the tests: GreenMail standalone as its own process,
 * SMTP and IMAP on 127.0.0.1, and its REST API, where what was sent can be read: {@code GET
 * /api/user/{address}/messages/INBOX} (a mailbox is made for every recipient; any login works on
 * IMAP). It delivers nothing onward. Production points the services at the county's mail server.
 */
public final class MailServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final ServerProcess process;
    private final int smtpPort;
    private final int imapPort;
    private final int apiPort;

    private MailServer(ServerProcess process, int smtpPort, int imapPort, int apiPort) {
        this.process = process;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.apiPort = apiPort;
    }

    /** Starts GreenMail; a port of 0 takes a free one. */
    public static MailServer start(Path dataDir, int smtpPort, int imapPort, int apiPort, Path logDir, Duration timeout) {
        int smtp = smtpPort == 0 ? PostgresServer.freePort() : smtpPort;
        int imap = imapPort == 0 ? PostgresServer.freePort() : imapPort;
        int api = apiPort == 0 ? PostgresServer.freePort() : apiPort;
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StartupFailure("greenmail", null, "cannot create " + dataDir, e);
        }
        List<String> command = List.of(Jdks.currentJava(), "-Xms32m", "-Xmx128m", "-XX:+UseSerialGC",
                "-Dfile.encoding=UTF-8",
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtp,
                "-Dgreenmail.imap.hostname=127.0.0.1", "-Dgreenmail.imap.port=" + imap,
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + api,
                // Every recipient gets a mailbox; any user name and password log in to IMAP.
                "-Dgreenmail.auth.disabled",
                "-cp", RuntimeArtifacts.classpath("greenmail"),
                "com.icegreen.greenmail.standalone.GreenMailStandaloneRunner");
        ServerProcess process = ServerProcess.start("greenmail", command, Map.of(), dataDir, logDir);
        try {
            process.awaitReady(() -> Readiness.httpOk("http://127.0.0.1:" + api + "/api/service/readiness")
                    && Readiness.portOpen("127.0.0.1", smtp), timeout);
        } catch (RuntimeException e) {
            process.stop(Duration.ofSeconds(5));
            throw e;
        }
        return new MailServer(process, smtp, imap, api);
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** GreenMail's REST API (and its page listing the operations): where a developer reads what was sent. */
    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    /**
     * The messages received for {@code address}, as GreenMail's API answers them: a JSON array of
     * {@code {uid, subject, contentType, mimeMessage}} (the whole MIME text); "[]" when none came.
     */
    public String inbox(String address) {
        return inbox(apiUrl(), address);
    }

    /** The same from any GreenMail API (e.g. a platform started by another process). */
    public static String inbox(String apiUrl, String address) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/api/user/"
                    + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX"))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 ? response.body() : "[]";
        } catch (IOException e) {
            throw new IllegalStateException("GreenMail's API at " + apiUrl + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }
}
