package io.kaohe.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.evidence.files.Sm3Backfill;
import io.kaohe.testsupport.AuditRecords;
import io.kaohe.testsupport.Await;
import io.kaohe.testsupport.Tokens;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Commercial cryptography (密评) of evidence on the real store: every content's SM3 beside its SHA-256, named on
 * download and checked while streaming; bytes changed in the store behind the service's back are refused (no
 * complete body), logged and audited as an integrity failure; contents from before SM3 get theirs by the backfill.
 */
class EvidenceIntegrityIT extends EvidenceIT {

    @Autowired
    Sm3Backfill backfill;

    private String cycle;

    @BeforeEach
    void cycle() {
        cycle = openCycle();
    }

    @Test
    void anUploadIsStoredUnderItsSm3AndTheDownloadNamesIt() throws Exception {
        byte[] pdf = Samples.pdf("SM3 " + UUID.randomUUID());
        String id;
        try (Events events = new Events()) {
            HttpResponse<String> uploaded = rawUpload("reporter.zjfy", "/api/evidence/units/bz-zjfy/files",
                    described(cycle, "审判执行台账.pdf", "T.zjfy.1"), pdf);
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
            id = body(uploaded).at("/evidence/evidenceId").asText();
            assertThat(body(uploaded).at("/evidence/versions/0/sm3").asText()).isEqualTo(bouncyCastleSm3(pdf));
            JsonNode added = events.await("EvidenceAdded", e -> e.at("/data/evidenceId").asText().equals(id));
            assertThat(added.at("/data/sm3").asText()).isEqualTo(bouncyCastleSm3(pdf));
        }
        assertThat(db.sql("select sm3 from evidence_blob where sha256 = :sha").param("sha", EvidenceFilesIT.sha256(pdf))
                .query(String.class).single()).isEqualTo(bouncyCastleSm3(pdf));
        assertThat(get("/api/evidence/files/" + id, "head.zjfy").getBody().at("/versions/0/sm3").asText())
                .isEqualTo(bouncyCastleSm3(pdf));

        HttpResponse<byte[]> download = download(id, "head.zjfy");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
        assertThat(download.headers().firstValue("X-Content-SM3")).hasValue(bouncyCastleSm3(pdf));
        assertThat(download.headers().firstValue("ETag")).hasValue("\"" + EvidenceFilesIT.sha256(pdf) + "\"");
    }

    @Test
    void bytesChangedInTheStoreAreNeverServedAsTheFileAndTheFailureIsAudited() throws Exception {
        // Large enough that the head and the first bytes are sent before the end is read and checked.
        byte[] big = Samples.bigPdf(2 * 1024 * 1024 + 17);
        String id = uploaded(big, "年度报告.pdf");
        byte[] altered = big.clone();
        altered[altered.length - 5] ^= 1; // one bit, same length
        overwrite(big, altered);

        // On the wire: a 200 head announcing the stored length, then the connection closed well before that many
        // bytes: the last 64 KiB at least were held back until the check (the container may add its error page).
        Raw raw = rawDownload(id, "head.zjfy");
        assertThat(raw.head()).startsWith("HTTP/1.1 200").containsIgnoringCase("X-Content-SM3: " + bouncyCastleSm3(big));
        assertThat(raw.head()).containsIgnoringCase("Content-Length: " + big.length);
        assertThat(raw.body().length).isLessThan(big.length - 60 * 1024);
        int sent = big.length - 128 * 1024;
        assertThat(Arrays.copyOf(raw.body(), sent)).isEqualTo(Arrays.copyOf(big, sent));
        // A client library reports it as a failure, not as a file.
        Throwable cut = catchThrowable(() -> download(id, "head.zjfy"));
        assertThat(cut).isInstanceOf(IOException.class);
        assertFailureAudited(id);

        // A small file (up to 128 KiB) is checked before anything is sent: a 500 problem, not the bytes.
        byte[] small = Samples.pdf("small " + UUID.randomUUID());
        String smallId = uploaded(small, "小文件.pdf");
        byte[] changed = small.clone();
        changed[changed.length / 2] ^= 1;
        overwrite(small, changed);
        HttpResponse<byte[]> refused = download(smallId, "head.zjfy");
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8))
                .contains("\"code\":\"evidence.integrity-failure\"");
        assertThat(refused.headers().firstValue("X-Content-SM3")).isEmpty();
        assertFailureAudited(smallId);

        // Put back as they were, both download again.
        overwrite(big, big);
        assertThat(download(id, "head.zjfy").body()).isEqualTo(big);
    }

    @Test
    void contentsStoredBeforeSm3GetItsFromTheBackfillButNotWhenTheirBytesChanged() throws Exception {
        byte[] old = Samples.pdf("before SM3 " + UUID.randomUUID());
        byte[] tampered = Samples.pdf("before SM3, tampered " + UUID.randomUUID());
        String id = uploaded(old, "旧文件.pdf");
        uploaded(tampered, "旧文件二.pdf");
        // As V7 left the contents stored before it.
        db.sql("update evidence_blob set sm3 = null where sha256 in (:a, :b)")
                .param("a", EvidenceFilesIT.sha256(old)).param("b", EvidenceFilesIT.sha256(tampered)).update();
        byte[] changed = tampered.clone();
        changed[changed.length / 2] ^= 1;
        overwrite(tampered, changed);

        // Meanwhile it downloads, checked against its SHA-256, without an SM3 header.
        HttpResponse<byte[]> before = download(id, "head.zjfy");
        assertThat(before.body()).isEqualTo(old);
        assertThat(before.headers().firstValue("X-Content-SM3")).isEmpty();
        assertThat(get("/api/evidence/files/" + id, "head.zjfy").getBody().at("/versions/0/sm3").isNull()).isTrue();

        Sm3Backfill.Result result = backfill.backfill();
        assertThat(result.filled()).isGreaterThanOrEqualTo(1);
        assertThat(result.mismatched()).isGreaterThanOrEqualTo(1);
        assertThat(sm3Of(old)).isEqualTo(bouncyCastleSm3(old));
        assertThat(sm3Of(tampered)).as("altered bytes are not vouched for").isNull();
        assertThat(download(id, "head.zjfy").headers().firstValue("X-Content-SM3")).hasValue(bouncyCastleSm3(old));
        // Resumable and idempotent: a second run finds only what it could not fill.
        Sm3Backfill.Result again = backfill.backfill();
        assertThat(again.filled()).isZero();
        assertThat(sm3Of(old)).isEqualTo(bouncyCastleSm3(old));
    }

    // ------------------------------------------------------------------------------ helpers

    private void assertFailureAudited(String evidenceId) {
        Await.until(() -> !AuditRecords.matching(dataSource, r -> "evidence-service".equals(r.path("service").asText())
                && "FAILED".equals(r.path("outcome").asText())
                && r.path("path").asText().startsWith("/api/evidence/files/" + evidenceId + "/content")
                && r.path("reason").asText().startsWith("evidence.integrity-failure: evidence " + evidenceId)
                && "download".equals(r.path("verb").asText())
                && "head.zjfy".equals(r.path("username").asText())).isEmpty(), "the integrity failure audited");
    }

    private record Raw(String head, byte[] body) {
    }

    /** A download read off the socket to its end, which must come (the server closes the connection) within 30 s. */
    private Raw rawDownload(String id, String user) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /api/evidence/files/" + id + "/content HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAuthorization: Bearer " + Tokens.forUser(user) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] all;
            try {
                all = socket.getInputStream().readAllBytes();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server kept the connection open after a download it refused ("
                        + e.getMessage() + ")", e);
            }
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("a response head").isPositive();
            return new Raw(text.substring(0, end), Arrays.copyOfRange(all, end + 4, all.length));
        }
    }

    private String uploaded(byte[] bytes, String name) {
        HttpResponse<String> uploaded = rawUpload("reporter.zjfy", "/api/evidence/units/bz-zjfy/files",
                described(cycle, name, "T.zjfy.1"), bytes);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        return body(uploaded).at("/evidence/evidenceId").asText();
    }

    /**
     * Puts other bytes under the content's key, directly in the store, as someone with access to it could; the content
     * is made one stored as is (its envelope dropped, as before encryption), so that {@code with} is what is read.
     */
    private void overwrite(byte[] stored, byte[] with) throws Exception {
        String key = db.sql("select storage_key from evidence_blob where sha256 = :sha")
                .param("sha", EvidenceFilesIT.sha256(stored)).query(String.class).single();
        db.sql("""
                update evidence_blob set cipher = null, key_id = null, wrapped_key = null, segment_sizes = null,
                                         segment_nonces = null where sha256 = :sha
                """).param("sha", EvidenceFilesIT.sha256(stored)).update();
        try (S3Client s3 = s3()) {
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(with));
        }
    }

    private String sm3Of(byte[] bytes) throws Exception {
        return db.sql("select sm3 from evidence_blob where sha256 = :sha").param("sha", EvidenceFilesIT.sha256(bytes))
                .query((rs, n) -> rs.getString(1)).list().get(0);
    }

    private HttpResponse<byte[]> download(String id, String user) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri("/api/evidence/files/" + id + "/content", Map.of()))
                .header("Authorization", "Bearer " + Tokens.forUser(user)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** SM3 straight from Bouncy Castle, not through the service's helper. */
    private static String bouncyCastleSm3(byte[] bytes) {
        SM3Digest sm3 = new SM3Digest();
        sm3.update(bytes, 0, bytes.length);
        byte[] out = new byte[32];
        sm3.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
