package io.kaohe.rubric.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.rubric.RubricIntegrationTest;
import io.kaohe.rubric.SmallSystems;
import io.kaohe.testsupport.Tokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class UnitItemsIT extends RubricIntegrationTest {

    private String demoTargets() {
        return db.sql("select id::text from rubric_version where system_code = 'party-depts-2015' and status = 'PUBLISHED' order by number limit 1")
                .query(String.class).single();
    }

    @Test
    void theDemoUnitTargetsArePublishedAndAServiceGetsAUnitsOwnItemsWithTheCommonOneScoredByItsLeadDepartment() {
        String version = demoTargets();

        ResponseEntity<JsonNode> answer = call(HttpMethod.GET, "/api/rubric/versions/" + version + "/units/bz-sjw/items",
                service(), null);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode items = answer.getBody();
        assertThat(items.get("unitName").asText()).isEqualTo("市纪委（监察局）");
        assertThat(items.get("category").asText()).isEqualTo("party-dept");
        assertThat(items.get("maximum").decimalValue()).isEqualByComparingTo("50");
        assertThat(http.exchange("/api/rubric/versions/" + version + "/units/bz-sjw/items", HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(bearer(service())), String.class).getBody())
                .contains("\"maximum\":50.00");
        assertThat(items.get("items")).hasSize(12);
        JsonNode common = items.at("/items/0");
        assertThat(common.get("itemCode").asText()).isEqualTo("T.bz-sjw.1");
        assertThat(common.get("title").asText()).isEqualTo("干部驻村帮扶工作");
        assertThat(common.get("assessingDepartments").get(0).asText()).isEqualTo("sfpymj");
        JsonNode own = items.at("/items/1");
        assertThat(own.get("itemCode").asText()).isEqualTo("T.bz-sjw.2");
        assertThat(own.get("topLevelCode").asText()).isEqualTo("duty");
        assertThat(own.get("topLevelTitle").asText()).isEqualTo("职能职责");
        assertThat(own.get("path").get(0).asText()).isEqualTo("职能职责");
        assertThat(own.get("assessingDepartments").get(0).asText()).isEqualTo("kaohebang");
        assertThat(own.get("deadline").asText()).isEqualTo("12月底");
        assertThat(own.at("/rule/type").asText()).isEqualTo("judged");
        // a unit's own reporter reads it too: published rubrics are readable by every authenticated user
        assertThat(call(HttpMethod.GET, "/api/rubric/versions/" + version + "/units/bz-sjw/items",
                Tokens.forUser("reporter.sjw"), null).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anInspectorAskingForAUnitItDoesNotInspectIsRefusedBeforeAnythingIsLookedUp() {
        String version = demoTargets();
        String inspector = Tokens.forUser("inspector.1"); // inspects bz-sjw and bz-zjfy
        assertThat(call(HttpMethod.GET, "/api/rubric/versions/" + version + "/units/bz-sjw/items", inspector, null)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        long before = audited();
        // Assessed, not assessed, unknown, or under a version that does not exist: the same 403, nothing learnt.
        List<String> paths = List.of("/api/rubric/versions/" + version + "/units/bz-x1/items",
                "/api/rubric/versions/" + version + "/units/ly-yanshi/items",
                "/api/rubric/versions/" + version + "/units/nobody/items",
                "/api/rubric/versions/" + java.util.UUID.randomUUID() + "/units/bz-x1/items");
        for (String path : paths) {
            ResponseEntity<JsonNode> refused = call(HttpMethod.GET, path, inspector, null);
            assertThat(refused.getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getBody().get("code").asText()).isEqualTo("rubric.unit-items.not-inspected");
        }
        assertThat(audited()).isEqualTo(before + paths.size());
    }

    @Test
    void anUnknownUnitOrOneTheVersionDoesNotAssessIsNotFound() {
        String version = demoTargets();

        ResponseEntity<JsonNode> unknown = call(HttpMethod.GET, "/api/rubric/versions/" + version + "/units/nobody/items",
                service(), null);
        ResponseEntity<JsonNode> notAssessed = call(HttpMethod.GET, "/api/rubric/versions/" + version + "/units/ly-yanshi/items",
                service(), null);

        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("code").asText()).isEqualTo("rubric.roster.unit.not-found");
        assertThat(notAssessed.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(notAssessed.getBody().get("code").asText()).isEqualTo("rubric.unit.not-assessed");
    }

    @Test
    void aSystemsItemsForAUnitAreTheLeavesOfItsCategoryAndOnlyTheyCountTowardsTheMaximum() {
        String id = call(HttpMethod.POST, "/api/rubric/versions", office(), SmallSystems.system(unique("items")))
                .getBody().get("id").asText();
        String path = "/api/rubric/versions/" + id + "/units/ly-yanshi/items";

        // a draft: the office may look, a service may not
        assertThat(call(HttpMethod.GET, path, office(), null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.GET, path, service(), null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.POST, "/api/rubric/versions/" + id + "/publish", office(), null).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        JsonNode county = call(HttpMethod.GET, path, service(), null).getBody();
        JsonNode urban = call(HttpMethod.GET, "/api/rubric/versions/" + id + "/units/ly-laocheng/items", service(), null).getBody();

        assertThat(codes(county)).containsExactly("1.1.1.1", "1.1.1.2");
        assertThat(codes(urban)).containsExactly("1.1.1.1", "1.1.1.3");
        assertThat(county.get("maximum").decimalValue()).isEqualByComparingTo("5");
        assertThat(county.at("/items/1/path").toString()).isEqualTo("[\"政治建设\",\"加强和规范党内政治生活\",\"严格执行组织生活制度\"]");
        assertThat(county.at("/items/1/topLevelCode").asText()).isEqualTo("1");
        assertThat(county.at("/items/1/acceptedEvidence").asText()).isEqualTo("提供文件、现场照片和新闻报道等资料");
        assertThat(urban.at("/items/1/assessingDepartments/0").asText()).isEqualTo("swdx");
        // a unit of a category the system does not cover is not assessed by it
        assertThat(call(HttpMethod.GET, "/api/rubric/versions/" + id + "/units/bz-sjw/items", service(), null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static List<String> codes(JsonNode items) {
        List<String> codes = new ArrayList<>();
        items.get("items").forEach(i -> codes.add(i.get("itemCode").asText()));
        return codes;
    }
}
