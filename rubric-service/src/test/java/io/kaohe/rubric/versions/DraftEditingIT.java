package io.kaohe.rubric.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.rubric.RubricIntegrationTest;
import io.kaohe.rubric.SmallSystems;
import io.kaohe.testsupport.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class DraftEditingIT extends RubricIntegrationTest {

    private static Map<String, Object> edit(Object points, Map<String, Object> rule) {
        Map<String, Object> edit = new LinkedHashMap<>();
        edit.put("title", "认真落实“三会一课”");
        edit.put("points", points);
        edit.put("appliesTo", List.of("county"));
        edit.put("assessingDepartments", List.of("swzzb"));
        edit.put("rule", rule);
        edit.put("deadline", "12月底");
        return edit;
    }

    private String draft() {
        ResponseEntity<JsonNode> created = call(HttpMethod.POST, "/api/rubric/versions", office(),
                SmallSystems.system(unique("edit")));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getETag()).isEqualTo("\"0\"");
        return created.getBody().get("id").asText();
    }

    @Test
    void aSecondEditFromTheSameRevisionIsRefusedAndTheFirstIsKept() {
        String id = draft();
        String node = "/api/rubric/versions/" + id + "/nodes/1.1.1.2";
        Map<String, Object> judged = Map.of("type", "judged", "wording", "根据完成情况计分");

        ResponseEntity<JsonNode> first = call(HttpMethod.PUT, node, office(), edit(3, Map.of("type", "all-or-nothing",
                "wording", "完成计满分，未完成不计分")), "\"0\"");
        ResponseEntity<JsonNode> second = call(HttpMethod.PUT, node, office(), edit(3, judged), "\"0\"");

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(second.getBody().get("code").asText()).isEqualTo("platform.concurrent-edit");
        JsonNode tree = call(HttpMethod.GET, "/api/rubric/versions/" + id + "/snapshot", office(), null).getBody();
        assertThat(tree.at("/roots/0/children/0/children/0/children/1/rule/type").asText()).isEqualTo("all-or-nothing");

        ResponseEntity<JsonNode> withoutRevision = call(HttpMethod.PUT, node, office(), edit(3, judged));
        assertThat(withoutRevision.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
        assertThat(withoutRevision.getBody().get("code").asText()).isEqualTo("rubric.version.revision-required");

        JsonNode history = call(HttpMethod.GET, "/api/rubric/versions/" + id + "/history", office(), null).getBody();
        assertThat(history).hasSize(2);
        assertThat(history.get(1).get("action").asText()).isEqualTo("node-edited");
        assertThat(history.get(1).get("actor").asText()).isEqualTo("office");
        assertThat(history.get(1).at("/changes/changed/0/code").asText()).isEqualTo("1.1.1.2");
        assertThat(history.get(1).at("/changes/changed/0/changes/0/field").asText()).isEqualTo("rule");
        assertThat(history.get(1).get("occurredAt").asText()).isNotBlank();
    }

    @Test
    void aRuleWithBadParametersIsReportedAtItsNodePathAndBlocksPublishing() {
        String id = draft();
        call(HttpMethod.PUT, "/api/rubric/versions/" + id + "/nodes/1.1.1.2", office(),
                edit(3, Map.of("type", "deduction-per-incident", "deductionPerIncident", 0, "wording", "每发生1起扣分")), "\"0\"");

        JsonNode validation = call(HttpMethod.POST, "/api/rubric/versions/" + id + "/validation", office(), null).getBody();
        assertThat(validation.get("valid").asBoolean()).isFalse();
        assertThat(validation.at("/errors/0/location").asText()).isEqualTo("1.1.1.2 认真落实“三会一课”");
        assertThat(validation.at("/errors/0/message").asText()).contains("deductionPerIncident");

        ResponseEntity<JsonNode> publish = call(HttpMethod.POST, "/api/rubric/versions/" + id + "/publish", office(), null);
        assertThat(publish.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(publish.getBody().get("errors")).hasSize(1);
        assertThat(db.sql("select status from rubric_version where id = cast(:id as uuid)").param("id", id)
                .query(String.class).single()).isEqualTo("DRAFT");
    }

    @Test
    void aPublishedVersionIsCopiedIntoANewDraftAndTheDiffShowsWhatChanged() {
        String id = draft();
        assertThat(call(HttpMethod.POST, "/api/rubric/versions/" + id + "/publish", office(), null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> refused = call(HttpMethod.PUT, "/api/rubric/versions/" + id + "/nodes/1.1.1.2", office(),
                edit(3, Map.of("type", "judged", "wording", "x")), "\"1\"");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().get("code").asText()).isEqualTo("rubric.version.published");

        JsonNode copy = call(HttpMethod.POST, "/api/rubric/versions/" + id + "/copy", office(), null).getBody();
        String copyId = copy.get("id").asText();
        assertThat(copy.get("number").asInt()).isEqualTo(2);
        assertThat(copy.get("status").asText()).isEqualTo("DRAFT");
        assertThat(copy.get("copiedFrom").asText()).isEqualTo(id);
        Map<String, Object> moved = edit(3, Map.of("type", "judged", "wording", "根据完成情况计分"));
        moved.put("assessingDepartments", List.of("swbgs"));
        call(HttpMethod.PUT, "/api/rubric/versions/" + copyId + "/nodes/1.1.1.2", office(), moved, "\"0\"");
        call(HttpMethod.DELETE, "/api/rubric/versions/" + copyId + "/nodes/1.1.1.3", office(), null, "\"1\"");

        JsonNode diff = call(HttpMethod.GET, "/api/rubric/versions/" + id + "/diff?to=" + copyId, office(), null).getBody();
        assertThat(diff.get("removed")).hasSize(1);
        assertThat(diff.at("/removed/0/code").asText()).isEqualTo("1.1.1.3");
        assertThat(diff.get("added")).isEmpty();
        List<String> fields = new ArrayList<>();
        diff.at("/changed/0/changes").forEach(c -> fields.add(c.get("field").asText() + ": " + c.get("before") + " → " + c.get("after")));
        assertThat(diff.at("/changed/0/code").asText()).isEqualTo("1.1.1.2");
        assertThat(fields).contains("assessingDepartments: [\"swzzb\"] → [\"swbgs\"]");
    }

    @Test
    void draftsAreTheOfficesAndOthersAreToldTheyDoNotExist() {
        String id = draft();
        ResponseEntity<JsonNode> asUnit = call(HttpMethod.GET, "/api/rubric/versions/" + id, Tokens.forUser("reporter.sjw"), null);
        assertThat(asUnit.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<JsonNode> asOffice = call(HttpMethod.GET, "/api/rubric/versions/" + id, office(), null);
        assertThat(asOffice.getHeaders().getFirst(HttpHeaders.ETAG)).isEqualTo("\"0\"");
    }

    @Test
    void theRestApiIsDocumentedInOpenApi() {
        ResponseEntity<String> docs = http.getForEntity("http://127.0.0.1:" + managementPort + "/actuator/openapi", String.class);

        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody()).contains("/api/rubric/versions/{id}/nodes/{code}", "/api/rubric/imports/system",
                "/api/rubric/imports/targets", "/api/rubric/versions/{versionId}/units/{unitCode}/items",
                "/api/rubric/roster/units/{code}", "/api/rubric/versions/{id}/validation", "/api/rubric/versions/{id}/diff");
    }
}
