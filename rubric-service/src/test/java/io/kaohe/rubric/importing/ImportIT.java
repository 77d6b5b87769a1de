package io.kaohe.rubric.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.rubric.RubricIntegrationTest;
import io.kaohe.rubric.Seeds;
import io.kaohe.testsupport.Tokens;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class ImportIT extends RubricIntegrationTest {

    private static byte[] bytes(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    private long versions() {
        return db.sql("select count(*) from rubric_version").query(Long.class).single();
    }

    private BigDecimal rootSum(String id) {
        JsonNode snapshot = call(HttpMethod.GET, "/api/rubric/versions/" + id + "/snapshot", office(), null).getBody();
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode root : snapshot.get("roots")) {
            sum = sum.add(root.get("points").decimalValue());
        }
        return sum;
    }

    @Test
    void seed004sCountySystemImportsFromTheOfficesLayoutWithItsTopLevelIndicatorsAddingUpTo200() throws IOException {
        byte[] workbook = bytes(SeedWorkbooks.system(Seeds.county(), Seeds.roster()).save());
        String code = unique("county-xlsx");

        ResponseEntity<JsonNode> imported = upload("/api/rubric/imports/system?code=" + code
                + "&year=2018&title=洛阳市县(市、区)党建工作综合考核指标体系(2018年度)", office(), workbook, "县级.xlsx");

        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = imported.getBody().get("id").asText();
        assertThat(imported.getBody().get("leafCount").asInt()).isEqualTo(235);
        assertThat(imported.getBody().get("totalPoints").decimalValue()).isEqualByComparingTo("200");
        assertThat(rootSum(id)).isEqualByComparingTo("200");
        JsonNode validation = call(HttpMethod.POST, "/api/rubric/versions/" + id + "/validation", office(), null).getBody();
        List<String> mismatches = new ArrayList<>();
        validation.get("errors").forEach(e -> mismatches.add(e.get("location").asText().split(" ")[0]));
        assertThat(mismatches).containsExactlyInAnyOrder("3.1", "3.1.4", "7.4");
    }

    @Test
    void seed004sMunicipalSystemImportsWithItsTopLevelIndicatorsAddingUpTo100() throws IOException {
        byte[] workbook = bytes(SeedWorkbooks.system(Seeds.municipal(), Seeds.roster()).save());

        ResponseEntity<JsonNode> imported = upload("/api/rubric/imports/system?code=" + unique("municipal-xlsx")
                + "&year=2018&title=洛阳市市直单位党建工作综合考核指标体系(2018年度)", office(), workbook, "市直.xlsx");

        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(imported.getBody().get("leafCount").asInt()).isEqualTo(127);
        assertThat(rootSum(imported.getBody().get("id").asText())).isEqualByComparingTo("100");
    }

    @Test
    void seed001sTargetsOfAll29UnitsImportValidatePublishAndServeEachUnitsItems() throws IOException {
        byte[] workbook = bytes(SeedWorkbooks.targets(Seeds.targets()).save());
        String code = unique("targets-xlsx");

        ResponseEntity<JsonNode> imported = upload("/api/rubric/imports/targets?code=" + code
                + "&year=2015&title=2015年度市党群部门目标绩效考核细则&assessingDepartment=考核办（目督办）", office(), workbook,
                "目标.xlsx");

        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = imported.getBody().get("id").asText();
        assertThat(imported.getBody().get("kind").asText()).isEqualTo("UNIT_TARGETS");
        assertThat(imported.getBody().get("totalPoints").decimalValue()).isEqualByComparingTo("50");
        JsonNode targets = call(HttpMethod.GET, "/api/rubric/versions/" + id + "/targets", office(), null).getBody();
        assertThat(targets.get("units")).hasSize(29);
        assertThat(targets.get("commonItems")).hasSize(1);
        assertThat(targets.at("/commonItems/0/leadDepartment").asText()).isEqualTo("sfpymj");
        assertThat(call(HttpMethod.POST, "/api/rubric/versions/" + id + "/validation", office(), null).getBody()
                .get("valid").asBoolean()).isTrue();
        assertThat(call(HttpMethod.POST, "/api/rubric/versions/" + id + "/publish", office(), null).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        JsonNode items = call(HttpMethod.GET, "/api/rubric/versions/" + id + "/units/bz-fl/items", service(), null).getBody();
        assertThat(items.get("maximum").decimalValue()).isEqualByComparingTo("50");
        assertThat(items.at("/items/0/assessingDepartments/0").asText()).isEqualTo("sfpymj");
    }

    @Test
    void anExportedVersionImportsBackToTheSameTree() throws IOException {
        String id = upload("/api/rubric/imports/system?code=" + unique("roundtrip") + "&year=2018&title=往返",
                office(), bytes(SeedWorkbooks.system(Seeds.municipal(), Seeds.roster()).save()), "市直.xlsx")
                .getBody().get("id").asText();
        ResponseEntity<byte[]> exported = http.exchange("/api/rubric/versions/" + id + "/export?format=xlsx", HttpMethod.GET,
                new HttpEntity<>(bearer(office())), byte[].class);
        assertThat(exported.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(exported.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains("attachment");

        ResponseEntity<JsonNode> again = upload("/api/rubric/imports/system", office(), exported.getBody(), "export.xlsx");

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getBody().get("number").asInt()).isEqualTo(2);
        JsonNode before = call(HttpMethod.GET, "/api/rubric/versions/" + id + "/snapshot", office(), null).getBody();
        JsonNode after = call(HttpMethod.GET, "/api/rubric/versions/" + again.getBody().get("id").asText() + "/snapshot",
                office(), null).getBody();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aBadWorkbookIsRefusedWithEveryFaultLocatedAndNothingIsWritten() throws IOException {
        byte[] workbook = bytes(new Workbooks().sheet("Sheet1")
                .row("序号", "一级指标", "二级指标", "三级指标", "考核内容", "考核单位", "备注")
                .row("一", "政治建设 (三十五分)", "学习 (2分)", "集中学习 (2分)", "组织集中学习(2分)", "市委宣传部", null)
                .row("二", "思想建设 (2分)", "学习 (2分)", "集中学习 (2分)", "组织集中学习(2分)", "市委火星部", "适用于月球")
                .save());
        long before = versions();

        ResponseEntity<JsonNode> refused = upload("/api/rubric/imports/system?code=bad&year=2018&title=坏", office(),
                workbook, "坏.xlsx");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("code").asText()).isEqualTo("rubric.import.invalid");
        List<String> located = new ArrayList<>();
        refused.getBody().get("errors").forEach(e -> located.add(e.get("location").asText()));
        assertThat(located).containsExactly("Sheet1!R2:C2", "Sheet1!R3:C6", "Sheet1!R3:C7");
        assertThat(refused.getBody().at("/errors/1/message").asText()).contains("市委火星部");
        assertThat(versions()).isEqualTo(before);
    }

    @Test
    void anOversizedUploadIsRefusedWith413AndAFileThatIsNotAWorkbookWith400() {
        long before = versions();

        ResponseEntity<JsonNode> tooLarge = upload("/api/rubric/imports/system", office(), new byte[(int) IMPORT_LIMIT + 1],
                "big.xlsx");
        ResponseEntity<JsonNode> notXlsx = upload("/api/rubric/imports/targets", office(),
                "类别,序号\n职能职责,1".getBytes(java.nio.charset.StandardCharsets.UTF_8), "targets.csv");

        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(tooLarge.getBody().get("code").asText()).isEqualTo("rubric.import.too-large");
        assertThat(notXlsx.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notXlsx.getBody().at("/errors/0/location").asText()).isEqualTo("file");
        assertThat(versions()).isEqualTo(before);
    }

    @Test
    void aJsonImportNamingDepartmentsTheRosterLacksIsRefused() throws IOException {
        JsonNode seed = seedAs("demo/luoyang-municipal-2018.json", unique("json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) seed.at("/roots/0/children/0/children/0/children/0"))
                .putArray("assessingDepartments").add("no-such-department");

        ResponseEntity<JsonNode> refused = upload("/api/rubric/imports/json", office(),
                json.writeValueAsBytes(seed), "system.json");
        ResponseEntity<JsonNode> malformed = upload("/api/rubric/imports/json", office(),
                "{\"code\": \"x\",".getBytes(java.nio.charset.StandardCharsets.UTF_8), "broken.json");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().at("/errors/0/location").asText()).startsWith("1.1.1.1 ");
        assertThat(refused.getBody().at("/errors/0/message").asText()).contains("no-such-department");
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(malformed.getBody().at("/errors/0/location").asText()).startsWith("file!L1:");
    }

    @Test
    void onlyTheOfficeImportsAndTheRefusalIsAudited() throws IOException {
        long audited = audited();
        long before = versions();

        ResponseEntity<JsonNode> refused = upload("/api/rubric/imports/json", Tokens.forUser("head.sjw"),
                json.writeValueAsBytes(seed("demo/luoyang-municipal-2018.json")), "system.json");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(audited()).isEqualTo(audited + 1);
        assertThat(versions()).isEqualTo(before);
    }
}
