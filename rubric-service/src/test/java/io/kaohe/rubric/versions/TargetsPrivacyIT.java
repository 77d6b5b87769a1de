package io.kaohe.rubric.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaohe.rubric.RubricIntegrationTest;
import io.kaohe.testsupport.Tokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Per-unit targets name people (责任人, 联系人, 电话; each item's 责任领导 and 具体责任人及电话): the office
 * reads every unit's, a unit's own people their own unit's, and everyone else none, in the targets,
 * the diff, the history and the export alike.
 */
class TargetsPrivacyIT extends RubricIntegrationTest {

    private static final String OWN = "bz-sjw";
    private static final String OTHER = "bz-zjfy";

    private static final java.util.Set<String> PERSONAL =
            java.util.Set.of("responsiblePerson", "contactPerson", "phone", "responsibleLeader", "contact");

    private String published;
    private String edited;

    /** Seed 001's targets published, then a copy with two units' phones changed, published too. */
    @BeforeEach
    void twoVersions() throws IOException {
        published = publish(call(HttpMethod.POST, "/api/rubric/versions/targets", office(),
                seedAs("demo/unit-targets-2015.json", unique("targets-privacy"))).getBody().get("id").asText());
        JsonNode copy = call(HttpMethod.POST, "/api/rubric/versions/" + published + "/copy", office(), null).getBody();
        edited = copy.get("id").asText();
        JsonNode targets = call(HttpMethod.GET, "/api/rubric/versions/" + edited + "/targets", office(), null).getBody();
        for (JsonNode unit : targets.get("units")) {
            if (unit.get("unit").asText().equals(OWN) || unit.get("unit").asText().equals(OTHER)) {
                ((ObjectNode) unit).put("phone", "13800000000");
                ((ObjectNode) unit.get("items").get(0)).put("contact", "新联系人");
            }
        }
        assertThat(call(HttpMethod.PUT, "/api/rubric/versions/" + edited + "/targets", office(), targets,
                "\"" + copy.get("revision").asInt() + "\"").getStatusCode()).isEqualTo(HttpStatus.OK);
        publish(edited);
    }

    @Test
    void theOfficeReadsEveryUnitsPeopleAUnitOnlyItsOwnAndOthersNone() {
        JsonNode office = targets(office());
        assertThat(unit(office, OTHER).get("responsiblePerson").asText()).isEqualTo("刘开渤");
        assertThat(unit(office, OTHER).get("phone").asText()).isEqualTo("5817805");
        assertThat(unit(office, OTHER).at("/items/0/contact").asText()).isEqualTo("刘伯梅");

        // the services' client reads the published document itself (RubricPublished's contentHash is of it)
        assertThat(targets(service())).isEqualTo(office);

        JsonNode own = targets(Tokens.forUser("reporter.sjw"));
        assertThat(unit(own, OWN).get("responsiblePerson").asText()).isEqualTo("雷超");
        assertThat(unit(own, OWN).get("phone").asText()).isEqualTo("13981684345");
        assertThat(unit(own, OWN).at("/items/0/responsibleLeader").asText()).isEqualTo("王海初");
        assertThat(unit(own, OWN).at("/items/0/contact").asText()).isEqualTo("马同沛");
        assertWithoutPeople(unit(own, OTHER));
        assertThat(unit(own, OTHER).at("/items/0/content").asText()).isEqualTo("干部驻村帮扶工作");
        assertThat(unit(own, OTHER).at("/items/0/responsibleOffice").asText()).isEqualTo("组织人事处");

        for (String user : List.of("reviewer.fpymj", "leader", "inspector.1")) {
            JsonNode others = targets(Tokens.forUser(user));
            assertThat(others.get("units").size()).isEqualTo(office.get("units").size());
            others.get("units").forEach(TargetsPrivacyIT::assertWithoutPeople);
            assertThat(others.toString()).doesNotContain("5817805", "13981684345", "刘开渤", "马同沛");
        }
    }

    @Test
    void theDiffShowsAChangedPhoneOnlyToThoseWhoMayReadIt() {
        assertThat(personalChanges(diff(office()))).contains(OWN + " phone", OTHER + " phone",
                "T." + OWN + ".1 contact", "T." + OTHER + ".1 contact");
        assertThat(personalChanges(diff(Tokens.forUser("reporter.sjw"))))
                .containsExactlyInAnyOrder(OWN + " phone", "T." + OWN + ".1 contact");
        JsonNode reviewer = diff(Tokens.forUser("reviewer.fpymj"));
        assertThat(personalChanges(reviewer)).isEmpty();
        assertThat(reviewer.toString()).doesNotContain("5817805", "13800000000", "新联系人", "刘伯梅");
    }

    @Test
    void theHistoryKeepsTheValuesOfPersonalFieldsForTheOffice() {
        assertThat(call(HttpMethod.GET, "/api/rubric/versions/" + edited + "/history", office(), null).getBody().toString())
                .contains("13800000000", "5817805");
        JsonNode history = call(HttpMethod.GET, "/api/rubric/versions/" + edited + "/history",
                Tokens.forUser("reviewer.fpymj"), null).getBody();
        assertThat(history.toString()).doesNotContain("13800000000", "5817805", "新联系人", "刘伯梅")
                .contains("\"field\":\"phone\"");
    }

    @Test
    void theExportLeavesOtherUnitsPeopleOutAndIsAudited() throws IOException {
        assertThat(cells(export(office(), "xlsx"))).contains("责任人：刘开渤", "电话：5817805");
        List<String> own = cells(export(Tokens.forUser("reporter.sjw"), "xlsx"));
        assertThat(own).contains("责任人：雷超", "电话：13981684345", "责任人：");
        assertThat(String.join("|", own)).doesNotContain("刘开渤", "5817805", "刘伯梅", "5817903");
        List<String> others = cells(export(Tokens.forUser("reviewer.fpymj"), "xlsx"));
        assertThat(others).doesNotContain("责任人：雷超", "电话：13981684345").contains("责任人：", "干部驻村帮扶工作");
        // (a conversion note of the seed quotes one name as an example of spacing removed: free text is not masked)
        assertThat(String.join("|", others)).doesNotContain("刘开渤", "5817805", "刘伯梅", "马同沛", "13981684345");
        assertThat(new String(export(Tokens.forUser("reviewer.fpymj"), "json"), StandardCharsets.UTF_8))
                .doesNotContain("5817805", "刘开渤").contains("干部驻村帮扶工作");

        // An export's record is written once its body has been streamed: it may land just after the client has it.
        List<JsonNode> records = List.of();
        for (int i = 0; i < 50 && records.size() < 2; i++) {
            if (i > 0) {
                sleep(100);
            }
            records = io.kaohe.testsupport.AuditRecords.matching(dataSource,
                    r -> "rubric-service".equals(r.path("service").asText()) && published.equals(r.path("objectId").asText())
                            && "reviewer.fpymj".equals(r.path("username").asText()));
        }
        assertThat(records).hasSize(2).allSatisfy(r -> {
            assertThat(r.path("category").asText()).isEqualTo("EXPORT");
            assertThat(r.path("verb").asText()).isEqualTo("export");
            assertThat(r.path("status").asInt()).isEqualTo(200);
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String publish(String id) {
        assertThat(call(HttpMethod.POST, "/api/rubric/versions/" + id + "/publish", office(), null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        return id;
    }

    private JsonNode targets(String token) {
        ResponseEntity<JsonNode> response = call(HttpMethod.GET, "/api/rubric/versions/" + published + "/targets", token, null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private JsonNode diff(String token) {
        ResponseEntity<JsonNode> response = call(HttpMethod.GET,
                "/api/rubric/versions/" + published + "/diff?to=" + edited, token, null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private byte[] export(String token, String format) {
        ResponseEntity<byte[]> response = http.exchange("/api/rubric/versions/" + published + "/export?format=" + format,
                HttpMethod.GET, new HttpEntity<>(bearer(token)), byte[].class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static JsonNode unit(JsonNode targets, String code) {
        for (JsonNode unit : targets.get("units")) {
            if (unit.get("unit").asText().equals(code)) {
                return unit;
            }
        }
        throw new AssertionError("no unit " + code);
    }

    private static void assertWithoutPeople(JsonNode unit) {
        for (String field : List.of("responsiblePerson", "contactPerson", "phone")) {
            assertThat(unit.path(field).isNull() || unit.path(field).isMissingNode()).as(unit.get("unit") + " " + field).isTrue();
        }
        for (JsonNode item : unit.get("items")) {
            for (String field : List.of("responsibleLeader", "contact", "phone")) {
                assertThat(item.path(field).isNull() || item.path(field).isMissingNode())
                        .as(unit.get("unit") + " item " + item.get("seq") + " " + field).isTrue();
            }
        }
    }

    /** "code field" of every changed personal field in a diff. */
    private static List<String> personalChanges(JsonNode diff) {
        List<String> changes = new ArrayList<>();
        for (JsonNode node : diff.get("changed")) {
            for (JsonNode change : node.get("changes")) {
                if (PERSONAL.contains(change.get("field").asText())) {
                    changes.add(node.get("code").asText() + " " + change.get("field").asText());
                }
            }
        }
        return changes;
    }

    private static List<String> cells(byte[] xlsx) throws IOException {
        List<String> cells = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        cells.add(cell.toString());
                    }
                }
            }
        }
        return cells;
    }
}
