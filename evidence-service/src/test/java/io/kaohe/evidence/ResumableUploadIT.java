package io.kaohe.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.evidence.files.StoreSweeper;
import io.kaohe.testsupport.Tokens;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Resumable uploads on the real store (s3proxy): parts, a part cut off half-way, what the server
 * has, resuming, completing into the same evidence a one-request upload makes; access and refusals.
 */
class ResumableUploadIT extends EvidenceIT {

    private static final int MB = 1024 * 1024;

    @Autowired
    StoreSweeper sweeper;

    private String cycle;

    @BeforeEach
    void cycle() {
        cycle = openCycle();
    }

    @Test
    void aPartCutOffIsResumedAndTheCompletedFileIsTheSameBytes() throws Exception {
        byte[] file = Samples.bigPdf(11 * MB + 321); // 5 MB + 5 MB + the rest; the tests' limit is 12 MB
        byte[][] parts = {Arrays.copyOfRange(file, 0, 5 * MB), Arrays.copyOfRange(file, 5 * MB, 10 * MB),
                Arrays.copyOfRange(file, 10 * MB, file.length)};
        long objectsBefore = stored();

        HttpResponse<String> created = create("reporter.sjw", "bz-sjw", described(cycle, "续传台账.pdf", "T.sjw.2"), file.length);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = body(created).get("uploadId").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/evidence/uploads/" + id);
        assertThat(body(created).get("parts")).isEmpty();

        JsonNode afterFirst = body(part("reporter.sjw", id, 1, parts[0]));
        assertThat(afterFirst.at("/parts/0/sha256").asText()).isEqualTo(sha256(parts[0]));
        assertThat(afterFirst.get("received").asLong()).isEqualTo(5 * MB);

        // Part 2: the connection is cut after 3 of its 5 MB.
        cutOff(id, 2, parts[1], 3 * MB);
        JsonNode status = body(status("reporter.sjw", id));
        assertThat(status.get("parts")).extracting(p -> p.get("number").asInt()).containsExactly(1);
        assertThat(status.get("received").asLong()).isEqualTo(5 * MB);
        assertThat(status.get("size").asLong()).isEqualTo(file.length);

        // The last part arrives, part 2 still missing: completing is refused, naming it.
        assertThat(part("reporter.sjw", id, 3, parts[2]).statusCode()).isEqualTo(200);
        HttpResponse<String> early = complete("reporter.sjw", id);
        assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
        assertThat(body(early).get("code").asText()).isEqualTo("evidence.upload.parts-missing");
        assertThat(body(early).get("detail").asText()).contains("[2]");

        // Resumed from what the server has: part 2 again, part 1 sent twice changes nothing.
        assertThat(part("head.sjw", id, 2, parts[1]).statusCode()).isEqualTo(200);
        JsonNode again = body(part("reporter.sjw", id, 1, parts[0]));
        assertThat(again.get("parts")).extracting(p -> p.get("number").asInt()).containsExactly(1, 2, 3);
        assertThat(again.get("received").asLong()).isEqualTo(file.length);

        try (Events events = new Events()) {
            HttpResponse<String> done = complete("reporter.sjw", id);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
            JsonNode version = body(done).at("/evidence/versions/0");
            String evidenceId = body(done).at("/evidence/evidenceId").asText();
            assertThat(version.get("size").asLong()).isEqualTo(file.length);
            assertThat(version.get("sha256").asText()).isEqualTo(sha256(file));
            // SM3 beside the SHA-256, computed in the same read of the assembled object (Bouncy Castle's SM3 here).
            assertThat(version.get("sm3").asText()).isEqualTo(io.kaohe.support.audit.Sm3.hex(file));
            assertThat(version.get("contentType").asText()).isEqualTo("application/pdf");
            assertThat(version.get("fileName").asText()).isEqualTo("续传台账.pdf");
            assertThat(version.get("itemCodes")).extracting(JsonNode::asText).containsExactly("T.sjw.2");
            JsonNode added = events.await("EvidenceAdded", e -> e.at("/data/evidenceId").asText().equals(evidenceId));
            assertThat(added.at("/data/sha256").asText()).isEqualTo(sha256(file));
            assertThat(added.at("/data/sm3").asText()).isEqualTo(io.kaohe.support.audit.Sm3.hex(file));
            assertThat(added.at("/data/size").asLong()).isEqualTo(file.length);

            HttpResponse<byte[]> download = CLIENT.send(HttpRequest.newBuilder(uri("/api/evidence/files/" + evidenceId
                            + "/content", Map.of())).header("Authorization", "Bearer " + Tokens.forUser("head.sjw"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.body()).isEqualTo(file);
        }
        // The session is over: nothing of it is left but the one stored object.
        assertThat(status("reporter.sjw", id).statusCode()).isEqualTo(404);
        assertThat(count("upload_session")).isZero();
        assertThat(multipartUploads()).isEmpty();
        assertThat(stored()).isEqualTo(objectsBefore + 1);
    }

    @Test
    void anotherUnitFindsNoSessionAndAuditedRefusals() {
        String id = body(create("reporter.sjw", "bz-sjw", described(cycle, "他人.pdf"), 6 * MB)).get("uploadId").asText();
        long audited = audited();
        assertThat(status("reporter.zjfy", id).statusCode()).isEqualTo(404);
        assertThat(part("reporter.zjfy", id, 1, new byte[1024]).statusCode()).isEqualTo(404);
        assertThat(complete("reporter.zjfy", id).statusCode()).isEqualTo(404);
        assertThat(delete("inspector.1", id).statusCode()).isEqualTo(404);
        assertThat(audited()).isEqualTo(audited + 4);
        assertThat(create("reporter.zjfy", "bz-sjw", described(cycle, "他人.pdf"), 6 * MB).statusCode()).isEqualTo(404);
        assertThat(status("reporter.sjw", id).statusCode()).isEqualTo(200);
        assertThat(status("reporter.sjw", UUID.randomUUID().toString()).statusCode()).isEqualTo(404);

        assertThat(delete("reporter.sjw", id).statusCode()).isEqualTo(204);
        assertThat(status("reporter.sjw", id).statusCode()).isEqualTo(404);
        assertThat(multipartUploads()).isEmpty();
    }

    @Test
    void whatAOneRequestUploadRefusesASessionRefusesBeforeAnyByte() throws Exception {
        HttpResponse<String> tooLarge = create("reporter.sjw", "bz-sjw", described(cycle, "过大.pdf"), MAX_FILE + 1);
        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
        assertThat(body(tooLarge).get("code").asText()).isEqualTo("evidence.file.too-large");
        Map<String, Object> noDate = described(cycle, "无日期.pdf");
        noDate.remove("evidenceDate");
        HttpResponse<String> bad = create("reporter.sjw", "bz-sjw", noDate, 0);
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(body(bad).get("errors")).extracting(e -> e.get("location").asText()).contains("evidenceDate");
        HttpResponse<String> noSize = create("reporter.sjw", "bz-sjw", described(cycle, "无大小.pdf"), 0);
        assertThat(body(noSize).at("/errors/0/location").asText()).isEqualTo("size");
        assertThat(count("upload_session")).isZero();

        // A file whose content is not what its name says is refused on completion, and nothing is kept.
        byte[] exe = new byte[6 * MB];
        exe[0] = 'M';
        exe[1] = 'Z';
        // Counted before the session begins: s3proxy lists the parts of an upload in progress as objects.
        long objectsBefore = stored();
        String id = body(create("reporter.sjw", "bz-sjw", described(cycle, "伪装.pdf"), exe.length)).get("uploadId").asText();
        byte[] small = new byte[MB];
        // A small part that is not the last is refused at once.
        assertThat(part("reporter.sjw", id, 2, Arrays.copyOfRange(exe, 5 * MB, 6 * MB)).statusCode()).isEqualTo(200);
        HttpResponse<String> tooSmall = part("reporter.sjw", id, 1, small);
        assertThat(tooSmall.statusCode()).as(tooSmall.body()).isEqualTo(400);
        assertThat(body(tooSmall).get("code").asText()).isEqualTo("evidence.upload.part-too-small");
        HttpResponse<String> beyond = part("reporter.sjw", id, 3, new byte[5 * MB + 1]);
        assertThat(body(beyond).get("code").asText()).isEqualTo("evidence.upload.beyond-size");
        assertThat(part("reporter.sjw", id, 1, Arrays.copyOfRange(exe, 0, 5 * MB)).statusCode()).isEqualTo(200);
        HttpResponse<String> disguised = complete("reporter.sjw", id);
        assertThat(disguised.statusCode()).as(disguised.body()).isEqualTo(415);
        assertThat(count("upload_session")).isZero();
        assertThat(multipartUploads()).isEmpty();
        assertThat(stored()).isEqualTo(objectsBefore);
    }

    @Test
    void theSweeperAbortsSessionsLeftAloneButNotThoseInUse() {
        String left = body(create("reporter.sjw", "bz-sjw", described(cycle, "遗留.pdf"), 6 * MB)).get("uploadId").asText();
        assertThat(part("reporter.sjw", left, 2, new byte[MB]).statusCode()).isEqualTo(200);
        assertThat(multipartUploads()).hasSize(1);
        // A cutoff before the session was touched leaves it; one after it removes it and its store upload.
        assertThat(sweeper.sweep(Instant.now().minusSeconds(3600)).abortedUploads()).isEmpty();
        assertThat(status("reporter.sjw", left).statusCode()).isEqualTo(200);
        StoreSweeper.Swept swept = sweeper.sweep(Instant.now().plusSeconds(60));
        assertThat(swept.abortedUploads()).hasSize(1);
        assertThat(status("reporter.sjw", left).statusCode()).isEqualTo(404);
        assertThat(multipartUploads()).isEmpty();
    }

    // ------------------------------------------------------------------------------ helpers

    private HttpResponse<String> create(String user, String unit, Map<String, Object> query, long size) {
        Map<String, Object> withSize = new LinkedHashMap<>(query);
        if (size > 0) {
            withSize.put("size", size);
        }
        return send(HttpRequest.newBuilder(uri("/api/evidence/units/" + unit + "/uploads", withSize))
                .header("Authorization", "Bearer " + Tokens.forUser(user))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpResponse<String> part(String user, String id, int number, byte[] bytes) {
        return send(HttpRequest.newBuilder(uri("/api/evidence/uploads/" + id + "/parts/" + number, Map.of()))
                .header("Authorization", "Bearer " + Tokens.forUser(user))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    private HttpResponse<String> status(String user, String id) {
        return send(HttpRequest.newBuilder(uri("/api/evidence/uploads/" + id, Map.of()))
                .header("Authorization", "Bearer " + Tokens.forUser(user)).GET().build());
    }

    private HttpResponse<String> complete(String user, String id) {
        return send(HttpRequest.newBuilder(uri("/api/evidence/uploads/" + id + "/complete", Map.of()))
                .header("Authorization", "Bearer " + Tokens.forUser(user))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpResponse<String> delete(String user, String id) {
        return send(HttpRequest.newBuilder(uri("/api/evidence/uploads/" + id, Map.of()))
                .header("Authorization", "Bearer " + Tokens.forUser(user)).DELETE().build());
    }

    /** Sends the head of part {@code number} and {@code sent} of its bytes, then resets the connection. */
    @SuppressWarnings("SameParameterValue")
    private void cutOff(String id, int number, byte[] part, int sent) throws Exception {
        URI target = uri("/api/evidence/uploads/" + id + "/parts/" + number, Map.of());
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + target.getRawPath() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                    + Tokens.forUser("reporter.sjw") + "\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + part.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(part, 0, sent);
            out.flush();
            Thread.sleep(1000);
            socket.setSoLinger(true, 0);
        }
        // The server notices the reset: the part is not recorded (s3proxy may keep the bytes it got; a part
        // sent again under the same number replaces them).
    }

    /** Objects in the store, without the folder s3proxy's filesystem backend lists ("blobs/"). */
    private static long stored() {
        return objects().stream().filter(key -> !key.endsWith("/")).count();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
