package io.kaohe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.testsupport.Call.Answer;
import io.kaohe.testsupport.Outsiders.Verdict;
import io.kaohe.testsupport.RoleMatrix.Given;
import io.kaohe.testsupport.RoleMatrix.Scope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What RoleMatrix calls, for whom, and how it judges an outsider's answer; no server (RoleMatrixIT calls them). */
class RoleMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVIDENCE = "0b9e2a4c-1111-4000-8000-000000000001";
    private static final String ASSESSMENT = "0b9e2a4c-2222-4000-8000-000000000002";

    @Test
    void aRefusalIsA403OrA404SomeInsiderDoesNotGet() {
        Answer hidden = problem(404, "evidence.file.not-found");
        Answer forbidden = problem(403, "evidence.file.forbidden");
        Answer ok = problem(200, "");
        Answer withdrawn = problem(409, "evidence.file.withdrawn");
        Answer invalid = problem(400, "platform.invalid-input");
        assertThat(judge(forbidden, ok)).isEqualTo(Verdict.REFUSED);
        assertThat(judge(hidden, ok)).isEqualTo(Verdict.REFUSED);
        assertThat(judge(hidden, withdrawn)).isEqualTo(Verdict.REFUSED);
        // Both not found (a placeholder nobody has), both refused by the body's validation: nothing proven.
        assertThat(judge(hidden, hidden)).isEqualTo(Verdict.UNJUDGED);
        assertThat(judge(invalid, invalid)).isEqualTo(Verdict.UNJUDGED);
        // What the insider gets, when it is not a refusal, or a refusal of another kind: the outsider got through.
        assertThat(judge(ok, ok)).isEqualTo(Verdict.NOT_REFUSED);
        assertThat(judge(withdrawn, ok)).isEqualTo(Verdict.NOT_REFUSED);
        assertThat(judge(invalid, problem(201, ""))).isEqualTo(Verdict.NOT_REFUSED);
    }

    @Test
    void aThingAnyInsiderReachesIsThereSoA404OnItIsARefusal() {
        Answer hidden = problem(404, "evidence.upload.not-found");
        Answer status = problem(200, "");
        // inspector.2 and inspector.1 both 404 on an upload only the unit's people reach; reporter.sjw reaches it.
        assertThat(Outsiders.judge(hidden, List.of(hidden), List.of(status, problem(200, ""), hidden)))
                .isEqualTo(Verdict.REFUSED);
        // The first insider cancelled the upload; the second meets what is left of it, as the outsider did before.
        assertThat(Outsiders.judge(hidden, List.of(problem(204, ""), hidden), List.of(problem(204, ""), hidden)))
                .isEqualTo(Verdict.REFUSED);
        assertThat(Outsiders.judge(hidden, List.of(hidden), List.of(hidden))).isEqualTo(Verdict.UNJUDGED);
        // A validation the outsider's own kind of insider also met tells nothing; one only another kind met does not help.
        Answer invalid = problem(400, "platform.invalid-input");
        assertThat(Outsiders.judge(invalid, List.of(problem(201, ""), invalid), List.of(problem(201, ""), invalid)))
                .isEqualTo(Verdict.UNJUDGED);
        assertThat(Outsiders.judge(invalid, List.of(problem(201, "")), List.of(problem(201, ""), invalid)))
                .isEqualTo(Verdict.NOT_REFUSED);
    }

    @Test
    void aRealObjectOfTheUnitMakesAnOperationTheUnitsOwnAndTakesThePlaceholdersPlace() {
        Given given = Given.nothing().unitObject("evidenceId", EVIDENCE);
        Call file = call("GET /api/evidence/files/{evidenceId}", pathVariable("evidenceId", "uuid"), given);
        assertThat(file.unitScoped).isTrue();
        assertThat(file.departmentScoped).isFalse();
        assertThat(file.uri.getPath()).isEqualTo("/api/evidence/files/" + EVIDENCE);

        Call placeholder = call("GET /api/evidence/files/{evidenceId}", pathVariable("evidenceId", "uuid"), Given.nothing());
        assertThat(placeholder.unitScoped).as("a placeholder belongs to nobody").isFalse();
        assertThat(placeholder.uri.getPath()).doesNotContain(EVIDENCE);
    }

    @Test
    void aPathPrefixNamesWhichObjectAVariableMeansOnWhichPath() {
        Given given = Given.nothing().unitObject("/api/evidence/self-assessments/{id}", ASSESSMENT);
        Call assessment = call("POST /api/evidence/self-assessments/{id}/sign-off", pathVariable("id", "uuid"), given);
        Call deadLetter = call("GET /api/evidence/dead-letters/{id}", pathVariable("id", "uuid"), given);
        assertThat(assessment.uri.getPath()).isEqualTo("/api/evidence/self-assessments/" + ASSESSMENT + "/sign-off");
        assertThat(assessment.unitScoped).isTrue();
        assertThat(deadLetter.uri.getPath()).doesNotContain(ASSESSMENT);
        assertThat(deadLetter.unitScoped).isFalse();

        // The unit's task in general, the department's review task on the paths that name it (the longer prefix).
        Given tasks = Given.nothing().unitObject("taskId", "self-check-1")
                .departmentObject("/api/workflow/tasks/{taskId}/history", "review-7");
        Call history = call("GET /api/workflow/tasks/{taskId}/history", pathVariable("taskId", null), tasks);
        Call claim = call("POST /api/workflow/tasks/{taskId}/claim", pathVariable("taskId", null), tasks);
        assertThat(history.uri.getPath()).isEqualTo("/api/workflow/tasks/review-7/history");
        assertThat(history.departmentScoped && !history.unitScoped).isTrue();
        assertThat(claim.uri.getPath()).isEqualTo("/api/workflow/tasks/self-check-1/claim");
        assertThat(claim.unitScoped && !claim.departmentScoped).isTrue();
    }

    @Test
    void aGivenValueFillsAnOptionalQueryParameterAndOwnsNothing() {
        JsonNode spec = spec("""
                {"parameters": [{"name": "unitCode", "in": "path", "schema": {"type": "string"}},
                                {"name": "cycleId", "in": "query", "schema": {"type": "string"}},
                                {"name": "q", "in": "query", "schema": {"type": "string"}}]}""");
        Call files = call("GET /api/evidence/units/{unitCode}/files", spec, Given.nothing().value("cycleId", "it-1"));
        assertThat(files.uri.getPath()).isEqualTo("/api/evidence/units/" + RoleMatrix.UNIT + "/files");
        assertThat(files.uri.getQuery()).isEqualTo("cycleId=it-1");
        assertThat(files.unitScoped).as("by its {unitCode}").isTrue();

        Call cycle = call("GET /api/scoring/cycles/{cycleId}/grades", pathVariable("cycleId", null),
                Given.nothing().value("cycleId", "it-1"));
        assertThat(cycle.unitScoped).isFalse();
        assertThat(cycle.departmentScoped).isFalse();
    }

    @Test
    void aDepartmentsOwnThingsAreCalledForTheDepartmentAndItsObjectsToo() {
        Call contacts = call("GET /api/rubric/roster/departments/{code}/contacts", pathVariable("code", null),
                Given.nothing());
        assertThat(contacts.departmentScoped).isTrue();
        assertThat(contacts.uri.getPath()).isEqualTo("/api/rubric/roster/departments/" + RoleMatrix.DEPARTMENT
                + "/contacts");
        // The department itself, as the office edits it, is no department's own thing.
        assertThat(call("PUT /api/rubric/roster/departments/{code}", pathVariable("code", null), Given.nothing())
                .departmentScoped).isFalse();

        Given given = Given.nothing().unitObject("evidenceId", EVIDENCE).departmentObject("evidenceId", EVIDENCE);
        Call file = call("GET /api/evidence/files/{evidenceId}", pathVariable("evidenceId", "uuid"), given);
        assertThat(file.unitScoped).isTrue();
        assertThat(file.departmentScoped).isTrue();
    }

    @Test
    void aValidBodyGivenForAnOperationIsSentInsteadOfAnEmptyOne() {
        JsonNode spec = spec("""
                {"parameters": [{"name": "unitCode", "in": "path", "schema": {"type": "string"}}],
                 "requestBody": {"content": {"application/json": {}}}}""");
        String operation = "POST /api/evidence/units/{unitCode}/self-assessments";
        assertThat(call(operation, spec, Given.nothing()).body).isEqualTo("{}");
        assertThat(call(operation, spec, Given.nothing().body(operation, "{\"cycleId\":\"it-1\",\"period\":\"Q1\"}")).body)
                .isEqualTo("{\"cycleId\":\"it-1\",\"period\":\"Q1\"}");
    }

    @Test
    void aBodyNamingTheUnitsItemOfTheDepartmentMakesTheOperationTheirs() {
        JsonNode spec = spec("""
                {"parameters": [{"name": "cycleId", "in": "path", "schema": {"type": "string"}}],
                 "requestBody": {"content": {"application/json": {}}}}""");
        String operation = "POST /api/scoring/cycles/{cycleId}/decisions";
        Call placeholder = call(operation, spec, Given.nothing());
        assertThat(placeholder.unitScoped || placeholder.departmentScoped).isFalse();
        String decision = "{\"unitCode\":\"bz-sjw\",\"itemCode\":\"duty.1\"}";
        Call real = call(operation, spec, Given.nothing().unitBody(operation, decision).departmentBody(operation, decision));
        assertThat(real.unitScoped).isTrue();
        assertThat(real.departmentScoped).isTrue();
        assertThat(real.body).isEqualTo(decision);
    }

    @Test
    void whoIsAskedOnWhichOperation() {
        Call unitItems = call("GET /api/rubric/versions/{versionId}/units/{unitCode}/items", spec("""
                {"parameters": [{"name": "versionId", "in": "path", "schema": {"type": "string"}},
                                {"name": "unitCode", "in": "path", "schema": {"type": "string"}}]}"""), Given.nothing());
        Set<String> anyUnit = Set.of("*", "any-unit");
        assertThat(Outsiders.asks(Scope.OTHER_UNIT, unitItems, anyUnit)).as("every unit reads this of every other")
                .isFalse();
        assertThat(Outsiders.asks(Scope.UNINSPECTED_UNIT, unitItems, anyUnit)).as("an inspector only its units")
                .isTrue();
        assertThat(Outsiders.asks(Scope.UNINSPECTED_UNIT, unitItems, Set.of("unit-reporter", "unit-head")))
                .as("the row keeps inspectors out altogether").isFalse();
        assertThat(Outsiders.asks(Scope.OTHER_UNIT, unitItems, Set.of("*"))).isTrue();
        assertThat(Outsiders.asks(Scope.OTHER_DEPARTMENT, unitItems, Set.of("*"))).isFalse();

        // Every outsider is compared with a user of the same role who may reach the things.
        assertThat(Outsiders.OUTSIDERS).extracting(Outsiders.Outsider::scope).containsOnly(Scope.values());
        for (Outsiders.Outsider outsider : Outsiders.OUTSIDERS) {
            assertThat(outsider.user()).isNotEqualTo(outsider.insider());
            assertThat(RoleMatrix.USERS).containsValue(outsider.insider());
        }
    }

    @Test
    void theOutsidersAreDemoUsersOfTheRealmWhoReachOtherThings() throws IOException {
        Map<String, JsonNode> users = new LinkedHashMap<>();
        JSON.readTree(TestServers.realmFile().toFile()).get("users")
                .forEach(user -> users.put(user.get("username").asText(), user.path("attributes")));
        for (Outsiders.Outsider outsider : Outsiders.OUTSIDERS) {
            assertThat(users).containsKeys(outsider.user(), outsider.insider());
            JsonNode mine = users.get(outsider.insider());
            JsonNode theirs = users.get(outsider.user());
            switch (outsider.scope()) {
                case OTHER_UNIT -> {
                    assertThat(mine.at("/unit/0").asText()).isEqualTo(RoleMatrix.UNIT);
                    assertThat(theirs.at("/unit/0").asText()).isNotBlank().isNotEqualTo(RoleMatrix.UNIT);
                }
                case OTHER_DEPARTMENT -> {
                    assertThat(mine.at("/department/0").asText()).isEqualTo(RoleMatrix.DEPARTMENT);
                    assertThat(theirs.at("/department/0").asText()).isNotBlank().isNotEqualTo(RoleMatrix.DEPARTMENT);
                }
                case UNINSPECTED_UNIT -> {
                    assertThat(mine.get("inspection_units")).extracting(JsonNode::asText).contains(RoleMatrix.UNIT);
                    assertThat(theirs.get("inspection_units")).extracting(JsonNode::asText).isNotEmpty()
                            .doesNotContain(RoleMatrix.UNIT);
                }
            }
        }
    }

    @Test
    void readsComeFirstAndDeletionsLast() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        for (String operation : new String[] {"DELETE /api/evidence/uploads/{uploadId}", "POST /api/evidence/files",
                "GET /api/evidence/uploads/{uploadId}", "PUT /api/evidence/uploads/{uploadId}/parts/{partNumber}",
                "GET /api/evidence/files"}) {
            operations.put(operation, JSON.createObjectNode());
        }
        assertThat(RoleMatrix.readsFirst(operations)).extracting(Map.Entry::getKey).containsExactly(
                "GET /api/evidence/uploads/{uploadId}", "GET /api/evidence/files", "POST /api/evidence/files",
                "PUT /api/evidence/uploads/{uploadId}/parts/{partNumber}", "DELETE /api/evidence/uploads/{uploadId}");
    }

    @Test
    void aRowEndsInAnyUnitOrNothingAndNamesOnlyRealmRoles() throws IOException {
        RoleMatrix.parse(text("GET /api/x/{unitCode}/items * any-unit\nPOST /api/x inspector,dept-reviewer # why\n"));
        assertThatThrownBy(() -> RoleMatrix.parse(text("GET /api/x * every-unit\n")))
                .hasMessageContaining("[any-unit]");
        assertThatThrownBy(() -> RoleMatrix.parse(text("GET /api/x inspectors\n"))).hasMessageContaining("no such role");
        assertThatThrownBy(() -> RoleMatrix.parse(text("GET /api/x *\nget /api/x office-admin\n")))
                .hasMessageContaining("a second row");
    }

    private static Verdict judge(Answer outsider, Answer insider) {
        return Outsiders.judge(outsider, List.of(insider), List.of(insider));
    }

    private static Call call(String operation, JsonNode spec, Given given) {
        return new Call(operation, spec, "http://127.0.0.1:1", given);
    }

    private static JsonNode pathVariable(String name, String format) {
        var schema = JSON.createObjectNode().put("type", "string");
        if (format != null) {
            schema.put("format", format);
        }
        var spec = JSON.createObjectNode();
        spec.putArray("parameters").addObject().put("name", name).put("in", "path").set("schema", schema);
        return spec;
    }

    private static JsonNode spec(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Answer problem(int status, String code) {
        return new Answer(status, code.isEmpty() ? "{}" : "{\"code\":\"" + code + "\"}");
    }

    private static ByteArrayInputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
