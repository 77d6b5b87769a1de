package io.kaohe.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.evidence.files.Sm3Backfill;
import io.kaohe.support.audit.Sm3;
import io.kaohe.testsupport.Await;
import io.kaohe.testsupport.Tokens;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SM4 encryption of evidence at rest (密评 8.4 e) on the real store and database: what lands in the bucket is not the
 * file (no run of its bytes inside), every way of storing it (one PUT, parts, a resumed upload) and every read (the
 * download with its SHA-256/SM3 check, the ranged reads of inspection and text extraction, the SM3 backfill) gives the
 * plaintext back; a content stored before encryption still reads as stored; a wrong or missing master key is a clear
 * problem, never garbage.
 */
class EvidenceEncryptionIT extends EvidenceIT {

    private static final int MB = 1024 * 1024;

    @Autowired
    Sm3Backfill backfill;

    private String cycle;
    private final List<String> uploaded = new ArrayList<>();
    private List<UUID> parked = List.of();

    /**
     * bz-sjw's quota (40 MB in the ITs) is shared with the other ITs, which leave their files: those are set aside
     * under another unit code while these tests run and put back after, so that the quota is not what is tested here.
     */
    @BeforeEach
    void cycle() {
        cycle = openCycle();
        db.sql("""
                insert into cycle_unit (cycle_id, unit_code, unit_name)
                select distinct cycle_id, :parked, 'set aside' from evidence_file where unit_code = 'bz-sjw'
                on conflict do nothing
                """).param("parked", PARKED).update();
        parked = db.sql("update evidence_file set unit_code = :parked where unit_code = 'bz-sjw' returning id")
                .param("parked", PARKED).query(UUID.class).list();
    }

    /** The files of these tests are removed, the others' put back: the unit's quota is left as it was. */
    @AfterEach
    void forget() {
        for (String id : uploaded) {
            db.sql("delete from evidence_version where evidence_id = :id").param("id", UUID.fromString(id)).update();
            db.sql("delete from evidence_file where id = :id").param("id", UUID.fromString(id)).update();
        }
        if (!parked.isEmpty()) {
            db.sql("update evidence_file set unit_code = 'bz-sjw' where unit_code = :parked and id in (:ids)")
                    .param("parked", PARKED).param("ids", parked).update();
        }
    }

    private static final String PARKED = "bz-sjw-set-aside-by-encryption-it";

    @Test
    void whatTheBucketHoldsIsNotTheFileAndEveryDownloadIsThePlaintext() throws Exception {
        String marker = "SM4-MARKER-" + UUID.randomUUID();
        // Small (one PUT of the first part), streamed with its length (one streamed PUT), and without a length
        // (a multipart upload of 5 MB parts, each encrypted at its offset).
        byte[] small = Samples.pdf(marker);
        byte[] streamed = withMarker(Samples.bigPdf(5 * MB + 4321), marker);
        byte[] chunked = withMarker(Samples.bigPdf(5 * MB + 777), marker);
        String smallId = upload(small, "小.pdf");
        String streamedId = upload(streamed, "大.pdf");
        HttpResponse<String> inParts = send(HttpRequest.newBuilder(uri("/api/evidence/units/bz-sjw/files",
                        described(cycle, "分块.pdf", "T.sjw.2")))
                .header("Authorization", "Bearer " + Tokens.forUser("reporter.sjw"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunked))).build());
        assertThat(inParts.statusCode()).as(inParts.body()).isEqualTo(201);
        String chunkedId = body(inParts).at("/evidence/evidenceId").asText();
        uploaded.add(chunkedId);

        for (Object[] c : new Object[][] {{smallId, small}, {streamedId, streamed}, {chunkedId, chunked}}) {
            String id = (String) c[0];
            byte[] plain = (byte[]) c[1];
            byte[] raw = rawObject(plain);
            assertThat(raw).hasSameSizeAs(plain).isNotEqualTo(plain);
            assertThat(indexOf(raw, marker.getBytes(StandardCharsets.US_ASCII))).as("the marker in the stored bytes").isNegative();
            // The PDF header with its version (8 bytes): "%PDF" alone turns up by chance in about one 5 MB ciphertext
            // in 800, which failed CI once.
            assertThat(indexOf(raw, Arrays.copyOf(plain, 8))).as("the PDF header in the stored bytes").isNegative();
            // No 32-byte run of the plaintext anywhere in what is stored.
            for (int at = 0; at + 32 <= plain.length; at += Math.max(32, plain.length / 16)) {
                assertThat(indexOf(raw, Arrays.copyOfRange(plain, at, at + 32))).as("plaintext at " + at).isNegative();
            }
            Map<String, Object> envelope = envelope(plain);
            assertThat(envelope.get("cipher")).isEqualTo("SM4-CTR");
            assertThat(envelope.get("key_id")).isEqualTo(MASTER_KEY_ID);
            assertThat(envelope.get("wrapped")).isEqualTo(44); // SM4-GCM: 12-byte iv, 16-byte key, 16-byte tag

            HttpResponse<byte[]> download = download(id);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(plain);
            assertThat(download.headers().firstValue("X-Content-SM3")).hasValue(Sm3.hex(plain));
        }
        // Each content its own data key.
        assertThat(db.sql("select count(distinct wrapped_key) from evidence_blob where sha256 in (:a, :b, :c)")
                .param("a", EvidenceFilesIT.sha256(small)).param("b", EvidenceFilesIT.sha256(streamed))
                .param("c", EvidenceFilesIT.sha256(chunked)).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void rangedReadsDecryptInspectionAndTextExtractionOfAnEncryptedOfdAndDocx() throws Exception {
        String token = "密评" + Long.toString(System.nanoTime(), 36);
        upload(Samples.ofd("版式文件 " + token), "加密公文.ofd");
        upload(Samples.docx("办公文档 " + token), "加密总结.docx");
        // The OFD's text is read through ranged reads of its zip directory and entries (S3RangeChannel), the DOCX's
        // package was inspected (zip bomb, macros) the same way before it was accepted.
        Await.until(() -> search(token).size() == 2, "the text of both encrypted files extracted");
        assertThat(names(search("版式文件 " + token))).containsExactly("加密公文.ofd");
        assertThat(names(search("办公文档 " + token))).containsExactly("加密总结.docx");
    }

    @Test
    void aResumedUploadIsEncryptedPartByPartAndReadsBackAcrossItsParts() throws Exception {
        String token = "续传" + Long.toString(System.nanoTime(), 36);
        byte[] file = bigOfd("分段加密 " + token, 5 * MB + 2048); // two parts: 5 MB and the rest
        byte[][] parts = {Arrays.copyOfRange(file, 0, 5 * MB), Arrays.copyOfRange(file, 5 * MB, file.length)};
        String session = body(send(HttpRequest.newBuilder(uri("/api/evidence/units/bz-sjw/uploads",
                        withSize(described(cycle, "分段.ofd", "T.sjw.2"), file.length)))
                .header("Authorization", "Bearer " + Tokens.forUser("reporter.sjw"))
                .POST(HttpRequest.BodyPublishers.noBody()).build())).get("uploadId").asText();
        // Out of order, the first part sent twice (the second time replaces it, under a fresh nonce).
        assertThat(part(session, 2, parts[1]).statusCode()).isEqualTo(200);
        assertThat(part(session, 1, parts[0]).statusCode()).isEqualTo(200);
        Long firstNonce = nonce(session, 1);
        assertThat(part(session, 1, parts[0]).statusCode()).isEqualTo(200);
        assertThat(nonce(session, 1)).isNotNull().isNotEqualTo(firstNonce).isNotEqualTo(nonce(session, 2));

        HttpResponse<String> done = send(HttpRequest.newBuilder(uri("/api/evidence/uploads/" + session + "/complete",
                        Map.of())).header("Authorization", "Bearer " + Tokens.forUser("reporter.sjw"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
        String id = body(done).at("/evidence/evidenceId").asText();
        uploaded.add(id);
        assertThat(body(done).at("/evidence/versions/0/sm3").asText()).isEqualTo(Sm3.hex(file));

        byte[] raw = rawObject(file);
        assertThat(raw).hasSameSizeAs(file).isNotEqualTo(file);
        assertThat(indexOf(raw, token.getBytes(StandardCharsets.UTF_8))).isNegative();
        assertThat(indexOf(raw, Arrays.copyOfRange(file, 5 * MB + 100, 5 * MB + 132))).isNegative();
        assertThat(db.sql("select array_to_string(segment_sizes, ',') from evidence_blob where sha256 = :sha")
                .param("sha", EvidenceFilesIT.sha256(file)).query(String.class).single())
                .isEqualTo((5 * MB) + "," + (file.length - 5 * MB));

        HttpResponse<byte[]> download = download(id);
        assertThat(download.body()).isEqualTo(file);
        assertThat(download.headers().firstValue("X-Content-SM3")).hasValue(Sm3.hex(file));
        // The page's text is at the start (part 1), the zip directory at the end (part 2): ranged reads across both.
        Await.until(() -> search(token).size() == 1, "the text of the resumed, encrypted OFD extracted");
    }

    @Test
    void aContentStoredBeforeEncryptionStillReadsAndTheBackfillReadsEncryptedOnes() throws Exception {
        byte[] old = Samples.pdf("before encryption " + UUID.randomUUID());
        byte[] sealed = Samples.pdf("encrypted, SM3 not yet known " + UUID.randomUUID());
        String oldId = upload(old, "旧.pdf");
        String sealedId = upload(sealed, "新.pdf");
        // As a content stored before encryption was turned on: the plaintext in the bucket, no envelope.
        String key = storageKey(old);
        try (S3Client s3 = s3()) {
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(old));
        }
        db.sql("update evidence_blob set cipher = null, key_id = null, wrapped_key = null, sm3 = null where sha256 = :sha")
                .param("sha", EvidenceFilesIT.sha256(old)).update();
        db.sql("update evidence_blob set sm3 = null where sha256 = :sha").param("sha", EvidenceFilesIT.sha256(sealed))
                .update();

        assertThat(download(oldId).body()).isEqualTo(old);
        Sm3Backfill.Result result = backfill.backfill();
        assertThat(result.filled()).isGreaterThanOrEqualTo(2);
        assertThat(sm3Of(old)).isEqualTo(Sm3.hex(old));
        assertThat(sm3Of(sealed)).as("SM3 of the decrypted bytes").isEqualTo(Sm3.hex(sealed));
        HttpResponse<byte[]> both = download(sealedId);
        assertThat(both.body()).isEqualTo(sealed);
        assertThat(download(oldId).headers().firstValue("X-Content-SM3")).hasValue(Sm3.hex(old));
    }

    @Test
    void aWrongOrMissingMasterKeyIsAClearProblemNeverGarbage() throws Exception {
        byte[] pdf = Samples.pdf("wrong key " + UUID.randomUUID());
        String id = upload(pdf, "密钥.pdf");
        String sha = EvidenceFilesIT.sha256(pdf);
        byte[] wrapped = db.sql("select wrapped_key from evidence_blob where sha256 = :sha").param("sha", sha)
                .query(byte[].class).single();

        // The data key wrapped by another master key under the same id (a wrong key configured, or the rows of
        // another installation): the SM4-GCM tag does not check out.
        byte[] otherMaster = new byte[16];
        new SecureRandom().nextBytes(otherMaster);
        byte[] dataKey = new byte[16];
        new SecureRandom().nextBytes(dataKey);
        db.sql("update evidence_blob set wrapped_key = :w where sha256 = :sha")
                .param("w", wrap(otherMaster, MASTER_KEY_ID, dataKey)).param("sha", sha).update();
        HttpResponse<byte[]> refused = download(id);
        assertThat(refused.statusCode()).isEqualTo(500);
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.get("code").asText()).isEqualTo("evidence.encryption.key-refused");
        assertThat(problem.get("detail").asText()).contains(MASTER_KEY_ID);
        assertThat(refused.headers().firstValue("X-Content-SM3")).isEmpty();
        assertFailureAudited(id, "evidence.encryption.key-refused: master key " + MASTER_KEY_ID);

        // A key id this service has no key for.
        db.sql("update evidence_blob set wrapped_key = :w, key_id = 'retired-2025' where sha256 = :sha")
                .param("w", wrapped).param("sha", sha).update();
        HttpResponse<byte[]> missing = download(id);
        assertThat(missing.statusCode()).isEqualTo(500);
        assertThat(json.readTree(missing.body()).get("code").asText()).isEqualTo("evidence.encryption.key-missing");
        assertThat(json.readTree(missing.body()).get("detail").asText()).contains("retired-2025");
        assertFailureAudited(id, "evidence.encryption.key-missing: master key retired-2025");

        // Put right, it reads again; a bit flipped in the encrypted object is caught by the plaintext's digests.
        db.sql("update evidence_blob set key_id = :k where sha256 = :sha").param("k", MASTER_KEY_ID).param("sha", sha)
                .update();
        assertThat(download(id).body()).isEqualTo(pdf);
        byte[] raw = rawObject(pdf);
        raw[raw.length / 2] ^= 1;
        String key = storageKey(pdf);
        try (S3Client s3 = s3()) {
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(raw));
        }
        HttpResponse<byte[]> altered = download(id);
        assertThat(altered.statusCode()).isEqualTo(500);
        assertThat(json.readTree(altered.body()).get("code").asText()).isEqualTo("evidence.integrity-failure");
    }

    // ------------------------------------------------------------------------------ helpers

    private String upload(byte[] bytes, String name) {
        HttpResponse<String> response = rawUpload("reporter.sjw", "/api/evidence/units/bz-sjw/files",
                described(cycle, name, "T.sjw.2"), bytes);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String id = body(response).at("/evidence/evidenceId").asText();
        uploaded.add(id);
        return id;
    }

    /** The security administrator's trail holds the refused download as FAILED, with its reason. */
    private void assertFailureAudited(String evidenceId, String reason) {
        Await.until(() -> !io.kaohe.testsupport.AuditRecords.matching(dataSource, r -> "evidence-service".equals(r.path("service").asText())
                && "FAILED".equals(r.path("outcome").asText())
                && r.path("path").asText().startsWith("/api/evidence/files/" + evidenceId + "/content")
                && reason.equals(r.path("reason").asText())).isEmpty(), "the refusal audited: " + reason);
    }

    private HttpResponse<byte[]> download(String id) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri("/api/evidence/files/" + id + "/content", Map.of()))
                .header("Authorization", "Bearer " + Tokens.forUser("head.sjw")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> part(String session, int number, byte[] bytes) {
        return send(HttpRequest.newBuilder(uri("/api/evidence/uploads/" + session + "/parts/" + number, Map.of()))
                .header("Authorization", "Bearer " + Tokens.forUser("reporter.sjw"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    private Long nonce(String session, int number) {
        return db.sql("select nonce from upload_session_part where session_id = :id and part_number = :n")
                .param("id", UUID.fromString(session)).param("n", number).query(Long.class).single();
    }

    private JsonNode search(String words) {
        return get("/api/evidence/units/bz-sjw/files?q=" + words, "reporter.sjw").getBody();
    }

    private static List<String> names(JsonNode found) {
        List<String> names = new ArrayList<>();
        found.forEach(f -> names.add(f.get("fileName").asText()));
        return names;
    }

    private String storageKey(byte[] content) throws Exception {
        return db.sql("select storage_key from evidence_blob where sha256 = :sha")
                .param("sha", EvidenceFilesIT.sha256(content)).query(String.class).single();
    }

    /** The object as the bucket holds it, read past the service. */
    private byte[] rawObject(byte[] content) throws Exception {
        String key = storageKey(content);
        try (S3Client s3 = s3()) {
            return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        }
    }

    private Map<String, Object> envelope(byte[] content) throws Exception {
        return db.sql("select cipher, key_id, octet_length(wrapped_key) as wrapped from evidence_blob where sha256 = :sha")
                .param("sha", EvidenceFilesIT.sha256(content)).query().singleRow();
    }

    private String sm3Of(byte[] content) throws Exception {
        return db.sql("select sm3 from evidence_blob where sha256 = :sha").param("sha", EvidenceFilesIT.sha256(content))
                .query((rs, n) -> rs.getString(1)).list().get(0);
    }

    private static Map<String, Object> withSize(Map<String, Object> query, long size) {
        Map<String, Object> with = new LinkedHashMap<>(query);
        with.put("size", size);
        return with;
    }

    /** The marker written into a PDF's random tail, so that the plaintext holds it more than once. */
    private static byte[] withMarker(byte[] pdf, String marker) {
        byte[] bytes = marker.getBytes(StandardCharsets.US_ASCII);
        for (int at = pdf.length / 3; at + bytes.length < pdf.length; at += pdf.length / 3) {
            System.arraycopy(bytes, 0, pdf, at, bytes.length);
        }
        return pdf;
    }

    /** An OFD whose page comes first and whose directory ends it, padded by a stored (uncompressed) resource. */
    private static byte[] bigOfd(String text, int size) throws Exception {
        byte[] small = Samples.ofd(text);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes);
             java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(small))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(in.readAllBytes());
                zip.closeEntry();
            }
            byte[] padding = new byte[size - small.length];
            new SecureRandom().nextBytes(padding);
            ZipEntry res = new ZipEntry("Doc_0/Res/image.bin");
            res.setMethod(ZipEntry.STORED);
            res.setSize(padding.length);
            CRC32 crc = new CRC32();
            crc.update(padding);
            res.setCrc(crc.getValue());
            zip.putNextEntry(res);
            zip.write(padding);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** A data key wrapped as the service does (SM4-GCM, the key id as associated data), under another master key. */
    private static byte[] wrap(byte[] master, String keyId, byte[] dataKey) throws Exception {
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(true, new AEADParameters(new KeyParameter(master), 128, iv,
                ("kaohe-evidence-data-key:" + keyId).getBytes(StandardCharsets.UTF_8)));
        byte[] out = Arrays.copyOf(iv, 12 + gcm.getOutputSize(dataKey.length));
        gcm.doFinal(out, 12 + gcm.processBytes(dataKey, 0, dataKey.length, out, 12));
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static {
        assert Base64.getDecoder().decode(MASTER_KEY).length == 16;
    }
}
