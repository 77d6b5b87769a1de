package io.kaohe.deploy;

import static io.kaohe.deploy.RunningPlatform.GATEWAY;
import static io.kaohe.deploy.RunningPlatform.HTTP;
import static io.kaohe.deploy.RunningPlatform.JSON;
import static io.kaohe.deploy.RunningPlatform.OFFSET;
import static io.kaohe.deploy.RunningPlatform.get;
import static io.kaohe.deploy.RunningPlatform.post;
import static io.kaohe.deploy.RunningPlatform.smallRubric;
import static io.kaohe.deploy.RunningPlatform.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Evidence files through the gateway with real tokens: a large upload streamed from a generator
 * (never in memory here), stored and served back byte for byte, while the gateway's own memory
 * stays flat; refused uploads leave nothing in the store; another unit sees nothing.
 */
@Order(10)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvidenceThroughGatewayIT {

    private static final long MB = 1024 * 1024;
    /** Under the service's default limit (200 MB), which the platform runs with. */
    private static final long LARGE = 190 * MB;
    private static String cycle;
    private static String largeId;
    private static String largeSha;

    @BeforeAll
    static void aCycleWithTwoUnits() throws Exception {
        RunningPlatform.start();
        String office = token("office");
        String code = "gw-evidence-" + System.nanoTime();
        HttpResponse<String> created = post(GATEWAY + "/api/rubric/versions", office, smallRubric(code, "网关上传测试"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String version = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> published = post(GATEWAY + "/api/rubric/versions/" + version + "/publish", office, null);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);

        cycle = "gw-ev-" + System.nanoTime();
        String open = """
                {"cycleId":"%s","year":2026,"title":"网关上传测试","rubricVersionId":"%s",
                 "units":[{"unitCode":"bz-sjw","unitName":"市纪委（监察局）","category":"party-dept"},
                          {"unitCode":"bz-zjfy","unitName":"市中级人民法院","category":"party-dept"}]}
                """.formatted(cycle, version);
        // The workflow learns of the published version over Kafka, the evidence-service of the cycle too.
        HttpResponse<String> opened = retry(() -> post(GATEWAY + "/api/workflow/cycles", office, open), 201);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        HttpResponse<String> first = retry(() -> upload("reporter.sjw", "bz-sjw", "准备.txt",
                HttpRequest.BodyPublishers.ofString("网关上传准备 " + cycle)), 201);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    }

    @Test
    @Order(1)
    void aLargeUploadStreamsThroughTheGatewayWhichBuffersNothing() throws Exception {
        long gateway = gatewayPid();
        long rssBefore = rss(gateway);
        AtomicLong rssPeak = new AtomicLong(rssBefore);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                try {
                    rssPeak.accumulateAndGet(rss(gateway), Math::max);
                    Thread.sleep(50);
                } catch (Exception e) {
                    return;
                }
            }
        }, "gateway-rss");
        sampler.setDaemon(true);
        sampler.start();
        Generated body = new Generated(LARGE, 42);
        HttpResponse<String> response;
        try {
            response = upload("reporter.sjw", "bz-sjw", "年度工作台账（全年）.pdf",
                    HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), LARGE));
        } finally {
            sampling.set(false);
            sampler.join();
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode version = JSON.readTree(response.body()).at("/evidence/versions/0");
        largeId = JSON.readTree(response.body()).at("/evidence/evidenceId").asText();
        largeSha = body.sha256();
        assertThat(version.get("size").asLong()).isEqualTo(LARGE);
        assertThat(version.get("sha256").asText()).isEqualTo(largeSha);
        assertThat(version.get("contentType").asText()).isEqualTo("application/pdf");

        long grown = rssPeak.get() - rssBefore;
        System.out.printf("gateway RSS during a %d MB upload: %d MB before, %d MB at most (+%d MB)%n", LARGE / MB,
                rssBefore / MB, rssPeak.get() / MB, grown / MB);
        assertThat(grown).as("the gateway's RSS growth while %d MB passed through it", LARGE / MB).isLessThan(LARGE / 4);
    }

    @Test
    @Order(2)
    void theDownloadThroughTheGatewayGivesTheSameBytes() throws Exception {
        HttpResponse<InputStream> download = HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/evidence/files/"
                        + largeId + "/content")).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token("head.sjw")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(LARGE);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long read = 0;
        try (InputStream in = download.body()) {
            byte[] buffer = new byte[256 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
                read += n;
            }
        }
        assertThat(read).isEqualTo(LARGE);
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(largeSha);
    }

    @Test
    @Order(3)
    void anOversizedUploadIs413AndNothingIsStored() throws Exception {
        Set<String> before = stored();
        // No length up front (chunked), so the service reads and stores parts until it passes the limit.
        HttpResponse<String> response = upload("reporter.sjw", "bz-sjw", "超大文件.pdf",
                HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(203 * MB, 7)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("evidence.file.too-large");
        assertThat(stored()).as("objects and multipart uploads in the store").isEqualTo(before);
    }

    @Test
    @Order(4)
    void aDisguisedExecutableIs415AndNothingIsStored() throws Exception {
        Set<String> before = stored();
        byte[] exe = new byte[4096];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        HttpResponse<String> response = upload("reporter.sjw", "bz-sjw", "会议纪要.pdf",
                HttpRequest.BodyPublishers.ofByteArray(exe));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void anotherUnitsEvidenceIsNotFound() throws Exception {
        String other = token("reporter.zjfy");
        HttpResponse<String> file = get(GATEWAY + "/api/evidence/files/" + largeId, other);
        assertThat(file.statusCode()).isEqualTo(404);
        HttpResponse<String> content = get(GATEWAY + "/api/evidence/files/" + largeId + "/content", other);
        assertThat(content.statusCode()).isEqualTo(404);
        assertThat(content.body()).doesNotContain(largeSha);
        HttpResponse<String> list = get(GATEWAY + "/api/evidence/units/bz-sjw/files", other);
        assertThat(list.statusCode()).isEqualTo(404);
        assertThat(get(GATEWAY + "/api/evidence/files/" + largeId, token("reporter.sjw")).statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------------------------

    private static HttpResponse<String> upload(String user, String unit, String name,
                                               HttpRequest.BodyPublisher body) throws Exception {
        String query = "cycleId=" + cycle + "&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&evidenceDate=" + LocalDate.now().minusDays(1);
        return HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/evidence/units/" + unit + "/files?" + query))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token(user))
                .header("Content-Type", "application/octet-stream")
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The evidence bucket's entries on s3proxy's disk (objects, and the folders of multipart uploads in progress). */
    private static Set<String> stored() throws IOException {
        Path bucket = RunningPlatform.root().resolve("deploy/target/e2e-data-" + OFFSET + "/s3/blobs/kaohe-evidence");
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(p -> !p.equals(bucket)).map(p -> bucket.relativize(p).toString())
                    .collect(Collectors.toSet());
        }
    }

    /** The gateway's java process, from the pid file the launcher writes next to its log. */
    private static long gatewayPid() throws IOException {
        Path pidFile = RunningPlatform.root().resolve("deploy/target/e2e-data-" + OFFSET + "/logs/gateway.pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse(""))
                .contains("gateway.jar");
        return pid;
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    /** Sends until the expected status (what the services learn over Kafka arrives a little later). */
    private static HttpResponse<String> retry(Call call, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        HttpResponse<String> response = call.send();
        while (response.statusCode() != expected && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            response = call.send();
        }
        return response;
    }

    /**
     * {@code size} bytes of a PDF header and pseudo-random content, made as they are read, hashed on the way;
     * nothing is kept but a 64 KB block.
     */
    private static final class Generated extends InputStream {
        private final long size;
        private final java.util.Random random;
        private final MessageDigest sha;
        private final byte[] block = new byte[64 * 1024];
        private int blockAt = block.length;
        private long position;

        Generated(long size, long seed) {
            this.size = size;
            this.random = new java.util.Random(seed);
            try {
                this.sha = MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            if (blockAt == block.length) {
                random.nextBytes(block);
                if (position == 0) {
                    byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(header, 0, block, 0, header.length);
                }
                blockAt = 0;
            }
            int n = (int) Math.min(Math.min(length, block.length - blockAt), size - position);
            System.arraycopy(block, blockAt, buffer, offset, n);
            sha.update(block, blockAt, n);
            blockAt += n;
            position += n;
            return n;
        }

        String sha256() {
            assertThat(position).as("read to the end").isEqualTo(size);
            return HexFormat.of().formatHex(sha.digest());
        }
    }
}
