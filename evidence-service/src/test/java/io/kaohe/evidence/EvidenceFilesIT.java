package io.kaohe.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.evidence.files.StoreSweeper;
import io.kaohe.support.audit.Sm3;
import io.kaohe.testsupport.Await;
import io.kaohe.testsupport.HostileOoxml;
import io.kaohe.testsupport.Tokens;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

class EvidenceFilesIT extends EvidenceIT {

    @Autowired
    StoreSweeper sweeper;

    private String cycle;

    @BeforeEach
    void cycle() {
        cycle = openCycle();
    }

    @Test
    void anUploadStreamsIntoTheStoreOnceByContentAndDownloadsUnderItsChineseName() throws Exception {
        byte[] pdf = Samples.pdf("Central group study record " + UUID.randomUUID());
        String name = "中心组学习记录（2024）.pdf";
        List<String> objectsBefore = objects();
        try (Events events = new Events()) {
            HttpResponse<String> first = upload("reporter.sjw", "bz-sjw", described(cycle, name, "T.sjw.2", "T.sjw.4"), pdf);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            JsonNode stored = body(first);
            String id = stored.at("/evidence/evidenceId").asText();
            assertThat(first.headers().firstValue("Location")).hasValue("/api/evidence/files/" + id);
            assertThat(stored.get("deduplicated").asBoolean()).isFalse();
            JsonNode version = stored.at("/evidence/versions/0");
            assertThat(version.get("sha256").asText()).isEqualTo(sha256(pdf));
            assertThat(version.get("size").asLong()).isEqualTo(pdf.length);
            assertThat(version.get("contentType").asText()).isEqualTo("application/pdf");
            assertThat(version.get("fileName").asText()).isEqualTo(name);
            assertThat(version.get("itemCodes")).extracting(JsonNode::asText).containsExactly("T.sjw.2", "T.sjw.4");
            assertThat(version.get("uploadedBy").asText()).isEqualTo("reporter.sjw");

            JsonNode added = events.await("EvidenceAdded", e -> e.at("/data/evidenceId").asText().equals(id));
            assertThat(added.at("/data/sha256").asText()).isEqualTo(sha256(pdf));
            assertThat(added.at("/data/fileName").asText()).isEqualTo(name);
            assertThat(added.at("/data/itemCodes/1").asText()).isEqualTo("T.sjw.4");

            // The same bytes again, as another file: stored once.
            HttpResponse<String> again = upload("head.sjw", "bz-sjw", described(cycle, "副本.pdf"), pdf);
            assertThat(again.statusCode()).isEqualTo(201);
            assertThat(body(again).get("deduplicated").asBoolean()).isTrue();
            assertThat(objects()).hasSize(objectsBefore.size() + 1);
            assertThat(count("evidence_blob where sha256 = '" + sha256(pdf) + "'")).isEqualTo(1);

            HttpResponse<byte[]> download = CLIENT.send(HttpRequest.newBuilder(uri("/api/evidence/files/" + id + "/content",
                            Map.of())).header("Authorization", "Bearer " + Tokens.forUser("inspector.1")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(pdf);
            assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(download.headers().firstValue("Content-Disposition")).hasValue(
                    "attachment; filename=\"" + name.replaceAll("[^\\x20-\\x7e]", "_") + "\"; filename*=UTF-8''"
                            + URLEncoder.encode(name, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aLargeUploadWithoutLengthGoesInPartsAndComesBackIdentical() throws Exception {
        byte[] big = Samples.bigPdf(11 * 1024 * 1024 + 123);
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/evidence/units/bz-sjw/files",
                        described(cycle, "大文件.pdf")))
                .header("Authorization", "Bearer " + Tokens.forUser("reporter.sjw"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String id = body(response).at("/evidence/evidenceId").asText();
        assertThat(body(response).at("/evidence/versions/0/sha256").asText()).isEqualTo(sha256(big));
        assertThat(body(response).at("/evidence/versions/0/sm3").asText()).isEqualTo(Sm3.hex(big));
        HttpResponse<byte[]> download = CLIENT.send(HttpRequest.newBuilder(uri("/api/evidence/files/" + id
                        + "/versions/1/content", Map.of())).header("Authorization", "Bearer " + Tokens.forUser("head.sjw"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(sha256(download.body())).isEqualTo(sha256(big));
        assertThat(download.headers().firstValue("X-Content-SM3")).hasValue(Sm3.hex(big));
    }

    @Test
    void aLargeUploadWithItsLengthIsStreamedAsOnePutAndComesBackIdentical() throws Exception {
        byte[] big = Samples.bigPdf(11 * 1024 * 1024 + 7);
        List<String> objectsBefore = objects();
        HttpResponse<String> response = upload("reporter.sjw", "bz-sjw", described(cycle, "年度报告.pdf"), big);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String id = body(response).at("/evidence/evidenceId").asText();
        assertThat(body(response).at("/evidence/versions/0/sha256").asText()).isEqualTo(sha256(big));
        assertThat(body(response).at("/evidence/versions/0/size").asLong()).isEqualTo(big.length);
        assertThat(body(response).at("/evidence/versions/0/sm3").asText()).isEqualTo(Sm3.hex(big));
        assertThat(objects()).hasSize(objectsBefore.size() + 1);
        assertThat(multipartUploads()).isEmpty();
        HttpResponse<byte[]> download = CLIENT.send(HttpRequest.newBuilder(uri("/api/evidence/files/" + id
                        + "/content", Map.of())).header("Authorization", "Bearer " + Tokens.forUser("head.sjw"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(sha256(download.body())).isEqualTo(sha256(big));
        assertThat(download.headers().firstValue("X-Content-SM3")).hasValue(Sm3.hex(big));
    }

    @Test
    void everyAcceptedKindIsRecognizedByItsContentAndFoundByItsWords() {
        String token = "tok" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("学习记录.txt", Samples.text("本季度开展中心组学习3次，专题辅导6次。" + token));
        files.put("通报.txt", Samples.text(("开展扫黄打非各项执法检查12次，出动执法人员70人次，检查打字复印店、文具店、快递站等49家。"
                + "\r\n").repeat(4) + token, Charset.forName("GBK")));
        files.put("总结.docx", Samples.docx("理论学习中心组扩大会议纪要 " + token));
        files.put("台账.xls", Samples.xls("整改台账 " + token));
        files.put("公文.ofd", Samples.ofd("关于开展意识形态工作督查的通知 " + token));
        files.put("现场照片.jpg", Samples.jpeg());
        files.put("截图.png", Samples.png());
        files.put("report", Samples.pdf("Annual report " + token));
        Map<String, String> expected = Map.of("学习记录.txt", "text/plain", "通报.txt", "text/plain",
                "总结.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "台账.xls", "application/vnd.ms-excel", "公文.ofd", "application/ofd", "现场照片.jpg", "image/jpeg",
                "截图.png", "image/png", "report", "application/pdf");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            HttpResponse<String> response = upload("reporter.sjw", "bz-sjw", described(cycle, file.getKey(), "T.sjw.1"), file.getValue());
            assertThat(response.statusCode()).as(file.getKey() + ": " + response.body()).isEqualTo(201);
            assertThat(body(response).at("/evidence/versions/0/contentType").asText()).as(file.getKey())
                    .isEqualTo(expected.get(file.getKey()));
        }
        Await.until(() -> db.sql("select count(*) from evidence_blob where text_status = 'PENDING'").query(Long.class).single() == 0,
                "text extracted");
        assertThat(names(search("reporter.sjw", "中心组 " + token))).containsExactlyInAnyOrder("学习记录.txt", "总结.docx");
        assertThat(names(search("reporter.sjw", "执法检查 " + token))).containsExactly("通报.txt");
        assertThat(names(search("reporter.sjw", "整改台账 " + token))).containsExactly("台账.xls");
        assertThat(names(search("reporter.sjw", "意识形态 " + token))).containsExactly("公文.ofd");
        assertThat(names(search("reporter.sjw", "annual " + token))).containsExactly("report");
        JsonNode found = search("reporter.sjw", "专题辅导 " + token);
        assertThat(found.at("/0/snippet").asText()).contains("专题辅导");
        // Another unit's people cannot search this unit.
        assertThat(get("/api/evidence/units/bz-sjw/files?q=" + token, "reporter.zjfy").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aDocumentWhoseXmlDeclaresAnEntityNeverHasTheEntitysTargetReadIntoItsText() throws Exception {
        String marker = "SECRET" + UUID.randomUUID().toString().replace("-", "");
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("xxe-");
        java.nio.file.Path secret = java.nio.file.Files.writeString(dir.resolve("secret.txt"), marker);
        java.nio.file.Path docx = java.nio.file.Files.write(dir.resolve("纪要.docx"), Samples.docx("会议纪要 " + marker.toLowerCase()));
        java.nio.file.Path hostile = HostileOoxml.externalEntity(docx, "word/document.xml", secret.toUri().toString());
        assertThat(HostileOoxml.naiveText(hostile, "word/document.xml")).as("a resolving parser reads the file")
                .contains(marker);

        HttpResponse<String> response = upload("reporter.sjw", "bz-sjw", described(cycle, "纪要.docx", "T.sjw.1"),
                java.nio.file.Files.readAllBytes(hostile));
        assertThat(response.statusCode()).as(response.body()).isIn(201, 415);
        Await.until(() -> db.sql("select count(*) from evidence_blob where text_status = 'PENDING'").query(Long.class).single() == 0,
                "text extracted");

        assertThat(db.sql("select count(*) from evidence_blob where text_content like :marker")
                .param("marker", "%" + marker + "%").query(Long.class).single()).isZero();
    }

    @Test
    void reviewersFindChineseWordsOfAUnitsEvidenceThroughATrigramIndex() throws Exception {
        // A made-up word of random CJK characters keeps other tests' files out of the results.
        java.util.Random random = new java.util.Random();
        StringBuilder mark = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            mark.append((char) (0x4e00 + random.nextInt(0x9fa5 - 0x4e00)));
        }
        upload("reporter.sjw", "bz-sjw", described(cycle, "整改报告.txt", "T.sjw.2"),
                Samples.text("关于落实全面从严治党主体责任的整改报告。" + mark + "党建工作与业务工作同部署。"));
        upload("reporter.sjw", "bz-sjw", described(cycle, "学习计划.txt", "T.sjw.2"),
                Samples.text("二〇二四年理论学习中心组学习计划，" + mark + "每季度不少于一次。"));
        upload("reporter.sjw", "bz-sjw", described(cycle, "其他单位无关.txt", "T.sjw.1"),
                Samples.text("意识形态工作责任制落实情况，" + mark + "整改报告另附。"));
        Await.until(() -> db.sql("select count(*) from evidence_blob where text_status = 'PENDING'").query(Long.class).single() == 0,
                "text extracted");

        // The reviewer of T.sjw.2 sees only files supporting it; words of two and more characters, and several at once.
        assertThat(names(search("reviewer.fpymj", mark + " 整改报告"))).containsExactly("整改报告.txt");
        assertThat(names(search("reviewer.fpymj", mark + " 党建"))).containsExactly("整改报告.txt");
        assertThat(names(search("reviewer.fpymj", mark.toString()))).containsExactlyInAnyOrder("整改报告.txt", "学习计划.txt");
        assertThat(names(search("reviewer.fpymj", mark + " 中心组学习"))).containsExactly("学习计划.txt");
        assertThat(names(search("reviewer.fpymj", mark + " 扫黑除恶"))).isEmpty();
        assertThat(names(search("reporter.sjw", mark + " 整改报告"))).containsExactlyInAnyOrder("整改报告.txt",
                "其他单位无关.txt");
        assertThat(names(search("reporter.sjw", mark + " 学习计划"))).as("found by its name").containsExactly("学习计划.txt");

        // The text's condition is answered from the trigram index, which holds Chinese (under a UTF-8 LC_CTYPE).
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("set enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (java.sql.ResultSet rs = statement.executeQuery("explain select t.sha256 from evidence_blob t "
                    + "where t.text_content ilike '%" + mark + "整改%'")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains("evidence_blob_text_trgm");
            try (java.sql.ResultSet rs = statement.executeQuery("select show_trgm('" + mark + "')")) {
                rs.next();
                assertThat(((String[]) rs.getArray(1).getArray())).as("trigrams of Chinese text").hasSizeGreaterThan(2);
            }
        }
    }

    @Test
    void aReplacementIsANewVersionAndAWithdrawalKeepsEveryVersionsBytes() throws Exception {
        byte[] v1 = Samples.text("第一版：会议记录");
        byte[] v2 = Samples.text("第二版：补充了签到表");
        String id = body(upload("reporter.sjw", "bz-sjw", described(cycle, "会议记录.txt", "T.sjw.1"), v1)).at("/evidence/evidenceId").asText();
        HttpResponse<String> replaced = upload("reporter.sjw", "/api/evidence/files/" + id + "/versions",
                Map.of("name", "会议记录（补充）.txt"), v2);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(201);
        JsonNode file = body(replaced).get("evidence");
        assertThat(file.get("currentVersion").asInt()).isEqualTo(2);
        assertThat(file.get("versions")).hasSize(2);
        assertThat(file.at("/versions/1/itemCodes/0").asText()).isEqualTo("T.sjw.1"); // taken over
        assertThat(file.at("/versions/0/fileName").asText()).isEqualTo("会议记录.txt");

        JsonNode withdrawn = call(HttpMethod.POST, "/api/evidence/files/" + id + "/withdrawal", "reporter.sjw",
                Map.of("reason", "上传错了单位")).getBody();
        assertThat(withdrawn.at("/withdrawal/by").asText()).isEqualTo("reporter.sjw");
        assertThat(call(HttpMethod.POST, "/api/evidence/files/" + id + "/withdrawal", "reporter.sjw",
                Map.of("reason", "again")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(upload("reporter.sjw", "/api/evidence/files/" + id + "/versions", Map.of(), Samples.text("v3"))
                .statusCode()).isEqualTo(409);
        // Kept for audit: both versions still download as they were.
        for (int v = 1; v <= 2; v++) {
            HttpResponse<byte[]> bytes = CLIENT.send(HttpRequest.newBuilder(uri("/api/evidence/files/" + id
                            + "/versions/" + v + "/content", Map.of())).header("Authorization", "Bearer "
                            + Tokens.forUser("office")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(bytes.body()).isEqualTo(v == 1 ? v1 : v2);
        }
        assertThat(names(get("/api/evidence/units/bz-sjw/files?cycleId=" + cycle, "reporter.sjw").getBody()))
                .doesNotContain("会议记录（补充）.txt");
    }

    @Test
    void evidenceAttachedToItemsTravelsWithTheSignedOffSubmission() {
        String id = body(upload("reporter.sjw", "bz-sjw", Map.of("cycleId", cycle, "period", "Q1", "item", "T.sjw.1",
                "name", "一案双查.pdf", "evidenceDate", LocalDate.now().toString()), Samples.pdf("case"))).at("/evidence/evidenceId").asText();
        String other = body(upload("reporter.sjw", "bz-sjw", Map.of("cycleId", cycle, "period", "Q2", "item", "T.sjw.1",
                "name", "二季度.pdf", "evidenceDate", LocalDate.now().toString()), Samples.pdf("q2"))).at("/evidence/evidenceId").asText();
        JsonNode assessment = call(HttpMethod.POST, "/api/evidence/units/bz-sjw/self-assessments", "reporter.sjw",
                Map.of("cycleId", cycle, "period", "Q1")).getBody();
        assertThat(assessment.at("/lines/0/evidence")).extracting(e -> e.get("evidenceId").asText()).containsExactly(id);
        assertThat(assessment.at("/lines/0/evidence/0/fileName").asText()).isEqualTo("一案双查.pdf");
        assertThat(other).isNotEqualTo(id);
    }

    // ------------------------------------------------------------------------------ bad input

    @Test
    void anOversizedUploadIs413AndNothingIsStored() {
        Snapshot before = snapshot();
        byte[] big = Samples.bigPdf((int) MAX_FILE + 1024 * 1024);
        // Declared too large: refused before the body is sent (the client waits for 100-continue).
        RawResponse declared = answerBeforeBody("reporter.sjw", "/api/evidence/units/bz-sjw/files", described(cycle, "大.pdf"),
                big.length);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.text()).contains("\"code\":\"evidence.file.too-large\"").doesNotContain("100 Continue");
        // Streamed without a length: refused once it grows past the limit, the parts sent so far aborted.
        HttpResponse<String> streamed = send(HttpRequest.newBuilder(uri("/api/evidence/units/bz-sjw/files",
                        described(cycle, "大.pdf")))
                .header("Authorization", "Bearer " + Tokens.forUser("reporter.sjw"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aUnitOverItsQuotaIs413ButTheSameContentAgainCostsNothing() {
        byte[] first = Samples.bigPdf(10 * 1024 * 1024);
        for (int i = 0; i < 3; i++) {
            byte[] content = i == 0 ? first : Samples.bigPdf(10 * 1024 * 1024);
            assertThat(upload("reporter.zjfy", "bz-zjfy", described(cycle, "卷宗" + i + ".pdf"), content).statusCode())
                    .isEqualTo(201);
        }
        Snapshot before = snapshot();
        RawResponse over = answerBeforeBody("reporter.zjfy", "/api/evidence/units/bz-zjfy/files", described(cycle, "卷宗4.pdf"),
                11 * 1024 * 1024);
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.text()).contains("\"code\":\"evidence.file.quota-exceeded\"");
        // Streamed without a length, it is refused once it passes what is left.
        byte[] fourth = Samples.bigPdf(11 * 1024 * 1024);
        HttpResponse<String> streamed = send(HttpRequest.newBuilder(uri("/api/evidence/units/bz-zjfy/files",
                        described(cycle, "卷宗4.pdf")))
                .header("Authorization", "Bearer " + Tokens.forUser("reporter.zjfy"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(fourth))).build());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(body(streamed).get("code").asText()).isEqualTo("evidence.file.quota-exceeded");
        assertThat(snapshot()).isEqualTo(before);
        HttpResponse<String> same = upload("reporter.zjfy", "bz-zjfy", described(cycle, "卷宗0副本.pdf"), first);
        assertThat(same.statusCode()).isEqualTo(201);
        assertThat(body(same).get("deduplicated").asBoolean()).isTrue();
    }

    @Test
    void disguisedAndRefusedKindsAre415AndNothingIsStored() {
        Snapshot before = snapshot();
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "通知.pdf"), Samples.exe()), 415, "evidence.file.type-refused");
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "a.jpg.php"), Samples.php()), 415, "evidence.file.name-refused");
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "a.jpg.php"), Samples.jpeg()), 415, "evidence.file.name-refused");
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "photo.jpg"), Samples.php()), 415, "evidence.file.type-refused");
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "扫描件.pdf"), Samples.png()), 415, "evidence.file.disguised");
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "报告.docx"), Samples.zipBomb()), 415, "evidence.file.zip-bomb");
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "资料.docx"), Samples.plainZip()), 415, "evidence.file.type-refused");
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "表格.xls"), Samples.docx("不是表格")), 415, "evidence.file.disguised");
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "通知.pdf"), Samples.pdfWithScript()), 415, "evidence.file.pdf-active");
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "图.svg"), Samples.svgWithScript()), 415, "evidence.file.name-refused");
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "图.png"), Samples.svgWithScript()), 415, "evidence.file.type-refused");
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "说明.txt"), Samples.htmlWithScript()), 415, "evidence.file.type-refused");
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "空.txt"), new byte[0]), 400, "evidence.file.empty");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void badNamesAndDescriptionsAre400AndNothingIsStored() {
        Snapshot before = snapshot();
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "a\u0000.pdf"), Samples.pdf("x")), 400, "platform.invalid-input");
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "../../etc/passwd.pdf"), Samples.pdf("x")), 400,
                "platform.invalid-input");
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "..\\windows\\a.pdf"), Samples.pdf("x")), 400,
                "platform.invalid-input");
        assertRefused(upload("reporter.sjw", "bz-sjw", described(cycle, "\u202Egpj.exe"), Samples.pdf("x")), 400,
                "platform.invalid-input");
        HttpResponse<String> described = upload("reporter.sjw", "bz-sjw", Map.of("cycleId", "no-such-cycle",
                "name", "a.pdf", "evidenceDate", "yesterday", "item", "T.nope"), Samples.pdf("x"));
        assertRefused(described, 400, "platform.invalid-input");
        assertThat(body(described).get("errors")).extracting(e -> e.get("location").asText())
                .containsExactlyInAnyOrder("evidenceDate", "cycleId");
        HttpResponse<String> unknownItem = upload("reporter.sjw", "bz-sjw", described(cycle, "a.pdf", "T.nope"), Samples.pdf("x"));
        assertThat(body(unknownItem).at("/errors/0/location").asText()).isEqualTo("item[T.nope]");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anUploadCutOffHalfWayLeavesNothingBehind() throws Exception {
        Snapshot before = snapshot();
        byte[] big = Samples.bigPdf(11 * 1024 * 1024);
        String target = uri("/api/evidence/units/bz-sjw/files", described(cycle, "中断.pdf")).getRawPath() + "?"
                + uri("/api/evidence/units/bz-sjw/files", described(cycle, "中断.pdf")).getRawQuery();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                    + Tokens.forUser("reporter.sjw") + "\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + big.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(big, 0, 7 * 1024 * 1024); // more than one part has gone to the store
            out.flush();
            Thread.sleep(1500);
            socket.setSoLinger(true, 0);
        }
        // The server notices, aborts the multipart upload and records nothing.
        Await.until(() -> snapshot().equals(before), "nothing left behind");
        Thread.sleep(1000);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anUploadWithoutLengthCutOffHalfWayLeavesNoMultipartUploadBehind() throws Exception {
        Snapshot before = snapshot();
        byte[] big = Samples.bigPdf(11 * 1024 * 1024);
        URI target = uri("/api/evidence/units/bz-sjw/files", described(cycle, "中断-分块.pdf"));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + target.getRawPath() + "?" + target.getRawQuery() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAuthorization: Bearer " + Tokens.forUser("reporter.sjw")
                    + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            int sent = 0;
            while (sent < 7 * 1024 * 1024) { // more than one part (5 MB in these tests) goes to the store
                int length = Math.min(64 * 1024, 7 * 1024 * 1024 - sent);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(big, sent, length);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                sent += length;
            }
            out.flush();
            Await.until(() -> !multipartUploads().isEmpty(), "a multipart upload under way");
            socket.setSoLinger(true, 0);
        }
        Await.until(() -> snapshot().equals(before), "the multipart upload aborted, nothing recorded");
    }

    @Test
    void theSweeperRemovesWhatInterruptedUploadsLeftInTheStoreButNothingInUse() throws Exception {
        byte[] kept = Samples.pdf("kept " + UUID.randomUUID());
        String keptId = body(upload("reporter.sjw", "bz-sjw", described(cycle, "保留.pdf"), kept)).at("/evidence/evidenceId")
                .asText();
        String keptKey = db.sql("select b.storage_key from evidence_blob b join evidence_version v on v.sha256 = b.sha256"
                + " where v.evidence_id = :id").param("id", UUID.fromString(keptId)).query(String.class).single();
        String staleUploadKey = "blobs/20200101T000000Z-" + UUID.randomUUID();
        String freshUploadKey = "blobs/" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now().plusSeconds(3600)) + "-" + UUID.randomUUID();
        String strayKey = "blobs/" + UUID.randomUUID();
        try (var s3 = s3()) {
            for (String key : List.of(staleUploadKey, freshUploadKey)) {
                String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
                s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                        software.amazon.awssdk.core.sync.RequestBody.fromString("part of an upload that broke off"));
            }
            s3.putObject(b -> b.bucket(BUCKET).key(strayKey),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("stored, never registered"));
        }
        assertThat(multipartUploads()).anyMatch(u -> u.startsWith(staleUploadKey + "#"));

        // Everything above counts as older than a cutoff a minute ahead, except the upload whose key says it began later.
        StoreSweeper.Swept swept = sweeper.sweep(java.time.Instant.now().plusSeconds(60));

        assertThat(swept.abortedUploads()).contains(staleUploadKey).doesNotContain(freshUploadKey);
        assertThat(swept.deletedObjects()).contains(strayKey).doesNotContain(keptKey);
        assertThat(multipartUploads()).noneMatch(u -> u.startsWith(staleUploadKey + "#"))
                .anyMatch(u -> u.startsWith(freshUploadKey + "#"));
        assertThat(objects()).contains(keptKey).doesNotContain(strayKey);
        HttpResponse<byte[]> download = CLIENT.send(HttpRequest.newBuilder(uri("/api/evidence/files/" + keptId
                        + "/content", Map.of())).header("Authorization", "Bearer " + Tokens.forUser("head.sjw"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(kept);

        // With the usual age nothing young is touched.
        StoreSweeper.Swept again = sweeper.sweep(java.time.Instant.now().minus(java.time.Duration.ofHours(24)));
        assertThat(again.abortedUploads()).doesNotContain(freshUploadKey);
        assertThat(again.deletedObjects()).isEmpty();
        try (var s3 = s3()) {
            String uploadId = s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().stream()
                    .filter(u -> u.key().equals(freshUploadKey)).findFirst().orElseThrow().uploadId();
            s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(freshUploadKey).uploadId(uploadId));
        }
    }

    @Test
    void theScheduledSweepRunsOnOneReplicaAtATime() {
        var db = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
        // Another replica sweeps: it holds the sweep's lock row for the next hour.
        db.sql("""
                insert into shedlock (name, lock_until, locked_at, locked_by)
                values ('evidence-store-sweep', timezone('utc', now()) + interval '1 hour', timezone('utc', now()), 'the other replica')
                on conflict (name) do update set lock_until = excluded.lock_until, locked_at = excluded.locked_at,
                                                 locked_by = excluded.locked_by
                """).update();
        org.springframework.test.util.ReflectionTestUtils.invokeMethod(sweeper, "sweepStale");
        assertThat(sweepLockedBy(db)).as("this replica left the sweep to the one holding the lock")
                .isEqualTo("the other replica");
        // The other replica is gone and its lock has run out: this replica takes the lock and sweeps.
        db.sql("update shedlock set lock_until = timezone('utc', now()) - interval '1 second' where name = 'evidence-store-sweep'")
                .update();
        org.springframework.test.util.ReflectionTestUtils.invokeMethod(sweeper, "sweepStale");
        assertThat(sweepLockedBy(db)).isNotEqualTo("the other replica");
    }

    private static String sweepLockedBy(org.springframework.jdbc.core.simple.JdbcClient db) {
        return db.sql("select locked_by from shedlock where name = 'evidence-store-sweep'").query(String.class).single();
    }

    // ------------------------------------------------------------------------------ access

    @Test
    void unitsReachOnlyTheirOwnEvidenceAndReviewersOnlyTheirItems() throws Exception {
        String forSwzzb = body(upload("reporter.sjw", "bz-sjw", described(cycle, "组织生活.txt", "T.sjw.1"),
                Samples.text("组织生活会"))).at("/evidence/evidenceId").asText();
        String forFpymj = body(upload("reporter.sjw", "bz-sjw", described(cycle, "学习.txt", "T.sjw.2"),
                Samples.text("中心组学习"))).at("/evidence/evidenceId").asText();
        long before = audited();
        Snapshot stored = snapshot();

        assertThat(get("/api/evidence/files/" + forSwzzb, "reporter.zjfy").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/api/evidence/files/" + forSwzzb + "/content", "head.zjfy").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(upload("reporter.zjfy", "bz-sjw", described(cycle, "x.txt"), Samples.text("x")).statusCode()).isEqualTo(404);
        assertThat(call(HttpMethod.POST, "/api/evidence/files/" + forSwzzb + "/withdrawal", "head.zjfy",
                Map.of("reason", "x")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(audited()).isEqualTo(before + 4);
        assertThat(refusalsOf("reporter.zjfy", 404, path -> path.contains(String.valueOf(forSwzzb)))).isEqualTo(1);

        // Reviewers read what supports the items their department assesses, and change nothing.
        assertThat(get("/api/evidence/files/" + forSwzzb, "reviewer.swzzb").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("/api/evidence/files/" + forSwzzb, "reviewer.fpymj").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/api/evidence/files/" + forFpymj, "reviewer.fpymj").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(names(get("/api/evidence/units/bz-sjw/files?cycleId=" + cycle, "reviewer.fpymj").getBody()))
                .contains("学习.txt").doesNotContain("组织生活.txt");
        assertThat(upload("reviewer.swzzb", "bz-sjw", described(cycle, "x.txt"), Samples.text("x")).statusCode()).isEqualTo(403);
        assertThat(upload("office", "bz-sjw", described(cycle, "x.txt"), Samples.text("x")).statusCode()).isEqualTo(403);
        // Inspectors read the units they inspect.
        assertThat(get("/api/evidence/files/" + forSwzzb, "inspector.1").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(snapshot()).isEqualTo(stored);
    }

    @Test
    void inspectorsUploadOnSitePhotosOnlyForTheUnitsTheyInspect() throws Exception {
        byte[] photo = Samples.png();
        // bz-sjw: bz-zjfy's quota belongs to the quota test.
        HttpResponse<String> uploaded = upload("inspector.1", "bz-sjw", described(cycle, "现场照片.png", "T.sjw.2"), photo);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String id = body(uploaded).at("/evidence/evidenceId").asText();
        assertThat(body(uploaded).at("/evidence/versions/0/uploadedBy").asText()).isEqualTo("inspector.1");
        assertThat(body(uploaded).at("/evidence/versions/0/contentType").asText()).isEqualTo("image/png");
        // The unit sees what the team found; the inspector reads it back for the thumbnail.
        assertThat(get("/api/evidence/files/" + id, "head.sjw").getStatusCode()).isEqualTo(HttpStatus.OK);
        HttpResponse<byte[]> content = CLIENT.send(HttpRequest.newBuilder(uri("/api/evidence/files/" + id + "/content",
                        Map.of())).header("Authorization", "Bearer " + Tokens.forUser("inspector.1")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(content.body()).isEqualTo(photo);

        // Units outside the inspector's inspection_units: as if they did not exist, audited, nothing stored.
        long before = audited();
        Snapshot stored = snapshot();
        HttpResponse<String> elsewhere = upload("inspector.1", "bz-swxcb", described(cycle, "现场照片.png"), photo);
        assertRefused(elsewhere, 404, "evidence.unit.not-found");
        assertThat(audited()).isEqualTo(before + 1);
        assertThat(refusalsOf("inspector.1", 404, path -> path.endsWith("/units/bz-swxcb/files"))).isEqualTo(1);
        // Uploading is all: an inspector neither replaces nor withdraws a unit's evidence.
        assertThat(upload("inspector.1", "/api/evidence/files/" + id + "/versions", Map.of("name", "新.png"), photo)
                .statusCode()).isEqualTo(403);
        assertThat(call(HttpMethod.POST, "/api/evidence/files/" + id + "/withdrawal", "inspector.1",
                Map.of("reason", "x")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(snapshot()).isEqualTo(stored);
    }

    // ------------------------------------------------------------------------------ helpers

    private record Snapshot(long blobs, long files, long versions, List<String> objects, List<String> uploads) {
    }

    /** What is stored: rows, objects, and multipart uploads begun but neither completed nor aborted. */
    private Snapshot snapshot() {
        return new Snapshot(count("evidence_blob"), count("evidence_file"), count("evidence_version"), objects(),
                multipartUploads());
    }

    private HttpResponse<String> upload(String user, String unitOrPath, Map<String, ?> query, byte[] body) {
        String path = unitOrPath.startsWith("/") ? unitOrPath : "/api/evidence/units/" + unitOrPath + "/files";
        return rawUpload(user, path, query, body);
    }

    private void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(body(response).get("code").asText()).as(response.body()).isEqualTo(code);
    }

    private JsonNode search(String user, String words) {
        return get("/api/evidence/units/bz-sjw/files?q=" + words, user).getBody();
    }

    private static List<String> names(JsonNode found) {
        List<String> names = new java.util.ArrayList<>();
        found.forEach(f -> names.add(f.get("fileName").asText()));
        return names;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
