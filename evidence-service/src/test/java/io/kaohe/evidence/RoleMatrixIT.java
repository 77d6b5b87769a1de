package io.kaohe.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.testsupport.RoleMatrix;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Deny by default, proven for every endpoint: each operation of the service's own OpenAPI document (read on the
 * management port) has a row in {@code role-matrix.tsv} naming the roles its {@code SecurityConfiguration} lets
 * through, and is called without a token, as every role's demo user and, on bz-sjw's real things (a file supporting
 * an item 市扶贫移民局 assesses, a signed-off self-assessment, an upload under way), as another unit's reporter and
 * head, another department's reviewer and an inspector not of bz-sjw ({@link RoleMatrix}). In the module's one test
 * context.
 */
// Last of the module's classes (junit-platform.properties): its calls change demo data the others rely on.
@Order(Integer.MAX_VALUE)
class RoleMatrixIT extends EvidenceIT {

    @LocalManagementPort
    int documentPort;

    @Test
    void everyOperationHasARuleAndLetsThroughExactlyTheRolesItNames() {
        String cycle = openCycle();
        Map<String, Object> described = new LinkedHashMap<>(Map.of("cycleId", cycle, "name", "学习记录.txt",
                "evidenceDate", LocalDate.now().minusDays(3).toString(), "item", "T.sjw.2"));
        // T.sjw.2 is assessed by sfpymj alone: the file is bz-sjw's and that department's, not swzzb's.
        HttpResponse<String> file = rawUpload("reporter.sjw", "/api/evidence/units/bz-sjw/files", described,
                Samples.text("中心组学习记录"));
        assertThat(file.statusCode()).as(file.body()).isEqualTo(201);
        String evidenceId = body(file).at("/evidence/evidenceId").asText();

        HttpResponse<String> upload = send(HttpRequest.newBuilder(uri("/api/evidence/units/bz-sjw/uploads",
                        Map.of("cycleId", cycle, "name", "续传.pdf", "evidenceDate", LocalDate.now().minusDays(3).toString(),
                                "size", 6 * 1024 * 1024)))
                .header("Authorization", "Bearer " + io.kaohe.testsupport.Tokens.forUser("reporter.sjw"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        String uploadId = body(upload).get("uploadId").asText();

        String assessment = signedOffSelfAssessment(cycle, "Q1");

        RoleMatrix.Given given = RoleMatrix.Given.nothing()
                .unitObject("evidenceId", evidenceId).departmentObject("evidenceId", evidenceId)
                .unitObject("uploadId", uploadId)
                .unitObject("/api/evidence/self-assessments/{id}", assessment)
                .value("cycleId", cycle)
                // Valid requests, so that the unit is looked at before (or instead of) the body's validation.
                .body("POST /api/evidence/units/{unitCode}/self-assessments",
                        "{\"cycleId\":\"" + cycle + "\",\"period\":\"Q1\"}")
                .body("PUT /api/evidence/self-assessments/{id}/draft", "{\"draftVersion\":2,\"lines\":[]}")
                .body("POST /api/evidence/self-assessments/{id}/prepare", "{\"draftVersion\":2}")
                .body("POST /api/evidence/self-assessments/{id}/sign-off", "{\"draftVersion\":2}")
                .body("POST /api/evidence/self-assessments/{id}/reviews",
                        "{\"version\":1,\"decisions\":[{\"itemCode\":\"T.sjw.2\",\"decision\":\"ACCEPTED\"}]}")
                .body("POST /api/evidence/files/{evidenceId}/withdrawal", "{\"reason\":\"重复上传\"}");
        RoleMatrix.Outcome outcome = RoleMatrix.verifyService(port, documentPort, given);
        assertThat(outcome.operations()).isPositive();
        // Each kind of outsider was refused somewhere: the checks ran on things they could have reached.
        assertThat(outcome.refused()).allSatisfy((scope, refused) -> assertThat(refused).as(scope.name()).isPositive());
    }

    /** This period's self-assessment of bz-sjw, drafted, prepared and signed off: version 1 submitted, draft version 2. */
    private String signedOffSelfAssessment(String cycle, String period) {
        ResponseEntity<JsonNode> opened = call(HttpMethod.POST, "/api/evidence/units/bz-sjw/self-assessments",
                "reporter.sjw", Map.of("cycleId", cycle, "period", period));
        assertThat(opened.getStatusCode()).as(String.valueOf(opened.getBody())).isEqualTo(HttpStatus.CREATED);
        String id = opened.getBody().get("id").asText();
        ResponseEntity<JsonNode> drafted = call(HttpMethod.PUT, "/api/evidence/self-assessments/" + id + "/draft",
                "reporter.sjw", Map.of("draftVersion", 1, "lines", List.of(
                        line("T.sjw.1", "4.90", Map.of("incidents", 1), "开展“一案双查”1起。"),
                        line("T.sjw.2", "1.00", Map.of("actual", 2, "required", 4), "开展中心组学习2次。"),
                        line("T.sjw.3", "9.50", Map.of("bonuses", List.of(Map.of("item", "被《督查通报》表扬",
                                "amount", 1.5)), "penalties", List.of()), "工作受到表扬。"),
                        line("T.sjw.4", "2.50", Map.of("score", 2.5, "reason", "落实到位"), null),
                        line("T.sjw.5", "5.00", Map.of("rate", 96.5), null))));
        assertThat(drafted.getStatusCode()).as(String.valueOf(drafted.getBody())).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> prepared = call(HttpMethod.POST, "/api/evidence/self-assessments/" + id + "/prepare",
                "reporter.sjw", Map.of("draftVersion", 2));
        assertThat(prepared.getStatusCode()).as(String.valueOf(prepared.getBody())).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> signed = call(HttpMethod.POST, "/api/evidence/self-assessments/" + id + "/sign-off",
                "head.sjw", Map.of("draftVersion", 2));
        assertThat(signed.getStatusCode()).as(String.valueOf(signed.getBody())).isEqualTo(HttpStatus.OK);
        return id;
    }

    private static Map<String, Object> line(String item, String score, Map<String, Object> measured, String statement) {
        Map<String, Object> line = new java.util.HashMap<>();
        line.put("itemCode", item);
        line.put("selfScore", new BigDecimal(score));
        line.put("measured", measured);
        line.put("statement", statement);
        return line;
    }
}
