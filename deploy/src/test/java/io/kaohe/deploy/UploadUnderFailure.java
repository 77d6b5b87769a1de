package io.kaohe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Drill 10: an evidence-service instance killed (SIGKILL) while a large resumable upload is under way. The reporter's
 * client does what the portal's does: a part that got no answer is sent again, and before completing it asks the
 * server what it has and sends what is missing. The upload finishes — against the other instance, or against the
 * same one once it runs again — with the bytes sent (its SHA-256), its session is gone, and the store holds no object
 * the evidence does not refer to: nothing left for the sweeper.
 */
final class UploadUnderFailure {

    private static final int MB = 1024 * 1024;
    private static final int PART = 8 * MB;

    private final DrillTarget target;
    private final String entry;
    private final int parts;

    private UploadUnderFailure(DrillTarget target, int parts) {
        this.target = target;
        this.entry = target.entry();
        this.parts = parts;
    }

    /**
     * An upload of {@code parts} parts of 8 MB (25 is 200 MB, the largest file evidence-service takes): the first
     * third sent one after another, then four at once and the {@code victim} killed while their bytes stream, then the
     * rest, each part sent again until it is taken.
     */
    static void drill(DrillTarget target, String victim, int parts) throws Exception {
        new UploadUnderFailure(target, parts).run(victim);
    }

    private void run(String victim) throws Exception {
        String cycle = aCycleForTheUnit();
        String token = target.token("reporter.sjw");
        int inFlightFrom = parts / 3 + 1;
        String query = "cycleId=" + cycle + "&name=" + URLEncoder.encode("全年工作台账（分段上传演练）.pdf", StandardCharsets.UTF_8)
                + "&evidenceDate=" + LocalDate.now().minusDays(1) + "&size=" + (long) PART * parts;
        JsonNode session = expect(send(HttpRequest.newBuilder(URI.create(entry + "/api/evidence/units/bz-sjw/uploads?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()), token), 201);
        String upload = session.get("uploadId").asText();
        Set<String> storedBefore = stored();

        long t = System.nanoTime();
        int failed = 0;
        for (int part = 1; part < inFlightFrom; part++) {
            failed += sendPart(upload, part, token) ? 0 : 1;
        }
        // Four parts at once, and the instance killed while their bytes stream (in HA mode the balancer spreads them
        // over both instances).
        List<CompletableFuture<Boolean>> inFlight = new ArrayList<>();
        for (int part = inFlightFrom; part < inFlightFrom + 4; part++) {
            int n = part;
            inFlight.add(CompletableFuture.supplyAsync(() -> sendPartOnce(upload, n, token)));
        }
        Thread.sleep(300);
        long killedAt = System.nanoTime();
        target.kill(victim);
        int lostAtTheKill = (int) inFlight.stream().map(CompletableFuture::join).filter(ok -> !ok).count();
        long recoveredAt = 0;
        for (int part = inFlightFrom + 4; part <= parts; part++) {
            failed += sendPart(upload, part, token) ? 0 : 1;
            if (recoveredAt == 0) {
                recoveredAt = System.nanoTime();
            }
        }
        // What the server has: the parts lost at the kill are sent again.
        JsonNode status = expect(send(HttpRequest.newBuilder(URI.create(entry + "/api/evidence/uploads/" + upload)).GET(),
                token), 200);
        Set<Integer> received = new HashSet<>();
        status.get("parts").forEach(p -> received.add(p.get("number").asInt()));
        List<Integer> missing = new ArrayList<>();
        for (int part = 1; part <= parts; part++) {
            if (!received.contains(part)) {
                missing.add(part);
                assertThat(sendPart(upload, part, token)).as("part %d sent again", part).isTrue();
            }
        }
        JsonNode completed = expect(send(HttpRequest.newBuilder(URI.create(entry + "/api/evidence/uploads/" + upload
                + "/complete")).POST(HttpRequest.BodyPublishers.noBody()), token), 201);
        long tookMillis = (System.nanoTime() - t) / 1_000_000;
        JsonNode version = completed.at("/evidence/versions/0");
        long restartMillis = target.bringBack(Duration.ZERO, victim);

        Set<String> orphans = orphans(storedBefore);
        long sessions = count("select count(*) from upload_session where id = ?::uuid", upload);
        System.out.printf("drill 10 on %s (%s killed during a %d MB upload in %d parts): %d parts lost at the kill, %d failed "
                        + "at first later, %d sent again after asking the server (%s); the next part answered %d ms after the "
                        + "kill; upload completed in %d ms, %s back %d ms after; sessions left %d, objects no evidence refers "
                        + "to %d%n", target.name(), victim, PART * (long) parts / MB, parts, lostAtTheKill, failed, missing.size(), missing,
                recoveredAt == 0 ? -1 : (recoveredAt - killedAt) / 1_000_000, tookMillis, victim, restartMillis, sessions,
                orphans.size());
        assertThat(version.get("size").asLong()).isEqualTo((long) PART * parts);
        assertThat(version.get("sha256").asText()).as("the stored bytes are the bytes sent").isEqualTo(sha256OfAllParts());
        assertThat(sessions).as("the upload's session once completed").isZero();
        assertThat(orphans).as("objects in the store no evidence refers to").isEmpty();
    }

    /** A rubric published and a cycle opened ({@link HaDrills}); evidence-service knows the cycle. */
    private String aCycleForTheUnit() throws Exception {
        String code = "upload-drill-" + Long.toString(System.currentTimeMillis(), 36);
        HaDrills.openCycle(entry, target.token("office"), code, LocalDate.now().getYear(), "上传演练");
        String reporter = target.token("reporter.sjw");
        String small = "cycleId=" + code + "&name=" + URLEncoder.encode("准备.txt", StandardCharsets.UTF_8)
                + "&evidenceDate=" + LocalDate.now().minusDays(1);
        // evidence-service learns of the cycle over Kafka: until then it refuses an upload to it.
        HaDrills.await("evidence-service knows cycle " + code, Duration.ofMinutes(3), () -> send(HttpRequest.newBuilder(
                        URI.create(entry + "/api/evidence/units/bz-sjw/files?" + small))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("上传演练准备 " + code)), reporter).statusCode() == 201 ? code : null);
        return code;
    }

    /**
     * Sends a part until it is answered 200, a second apart for three minutes (long enough for a killed instance to
     * start again where it has no twin); false when the first try failed.
     */
    private boolean sendPart(String upload, int part, String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (int attempt = 1; System.nanoTime() < deadline; attempt++) {
            if (sendPartOnce(upload, part, token)) {
                return attempt == 1;
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("part " + part + " not taken in three minutes");
    }

    private boolean sendPartOnce(String upload, int part, String token) {
        try {
            return send(HttpRequest.newBuilder(URI.create(entry + "/api/evidence/uploads/" + upload + "/parts/" + part))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(part(part))), token).statusCode() == 200;
        } catch (Exception e) {
            return false; // no answer: the connection went with the instance
        }
    }

    /** Part n's bytes, the same every time it is asked for (a PDF header first, so the file is taken as one). */
    private static byte[] part(int n) {
        byte[] bytes = new byte[PART];
        new Random(1_000L + n).nextBytes(bytes);
        if (n == 1) {
            byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(header, 0, bytes, 0, header.length);
        }
        return bytes;
    }

    private String sha256OfAllParts() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int part = 1; part <= parts; part++) {
            sha.update(part(part));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        return RunningPlatform.HTTP.send(request.timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return RunningPlatform.JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    }

    /** Files in the evidence bucket on s3proxy's disk (objects, and the parts of multipart uploads in progress). */
    private Set<String> stored() throws Exception {
        Path bucket = target.bucket();
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(Files::isRegularFile).map(p -> bucket.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** What the drill added to the store that no evidence (nor an upload under way) refers to. */
    private Set<String> orphans(Set<String> before) throws Exception {
        Set<String> added = stored();
        added.removeAll(before);
        try (Connection db = target.database("evidence");
             ResultSet rs = db.createStatement().executeQuery(
                     "select storage_key from evidence_blob union select storage_key from upload_session")) {
            while (rs.next()) {
                added.remove(rs.getString(1));
            }
        }
        return added;
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection db = target.database("evidence"); PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
