package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.Topics;
import io.kaohe.testsupport.Tokens;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Each grade band says what its grade obliges a unit to do, and that consequence, not the grade's
 * name, is what a proposal carries to workflow: bands renamed 优秀/良好/合格/不合格 still give a written
 * explanation and a talk with a report.
 */
class GradeConsequencesIT extends ScoringITBase {

    private static final List<CycleOpened.Unit> UNITS = Fixtures.cycleUnits("bz-sjw", "bz-zjfy", "bz-x1", "bz-x2");

    @Test
    void renamedBandsCarryTheirConsequencesIntoTheProposalAndGradesProposed() {
        String cycle = newCycleId("consequences");
        openCycle(cycle, Fixtures.GRADING, UNITS);
        // g.1 (95 points) judged, g.veto (5) untouched: the percent is the judged score + 5.
        judge(cycle, "bz-sjw", "90");
        judge(cycle, "bz-zjfy", "80");
        judge(cycle, "bz-x1", "60");
        judge(cycle, "bz-x2", "20");
        String grading = "/api/scoring/cycles/" + cycle + "/grading";
        assertThat(call(HttpMethod.GET, grading, "office", null).getBody().at("/bands/3/consequence").asText())
                .as("a cycle without a scheme of its own shows seed 003's").isEqualTo("TALK_AND_REPORT");

        ResponseEntity<JsonNode> refused = call(HttpMethod.PUT, grading, "office", scheme(null));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().at("/errors/0/location").asText()).isEqualTo("bands[2].consequence");
        assertThat(refused.getBody().at("/errors/0/message").asText()).contains("合格").contains("整改要求");
        assertThat(refused.getBody().get("errors")).hasSize(1);
        ResponseEntity<JsonNode> english = inEnglish(HttpMethod.PUT, grading, scheme(null));
        assertThat(english.getBody().at("/errors/0/location").asText()).isEqualTo("bands[2].consequence");
        assertThat(english.getBody().at("/errors/0/message").asText()).contains("obliges").doesNotContain("整改要求");

        ResponseEntity<JsonNode> saved = call(HttpMethod.PUT, grading, "office", scheme("WRITTEN_EXPLANATION"));
        assertThat(saved.getStatusCode()).as(String.valueOf(saved.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.GET, grading, "office", null).getBody().get("bands"))
                .extracting(b -> b.get("grade").asText() + ":" + b.get("consequence").asText())
                .containsExactly("优秀:NONE", "良好:NONE", "合格:WRITTEN_EXPLANATION", "不合格:TALK_AND_REPORT");

        Map<String, String> expected = Map.of("bz-sjw", "优秀:NONE", "bz-zjfy", "良好:NONE",
                "bz-x1", "合格:WRITTEN_EXPLANATION", "bz-x2", "不合格:TALK_AND_REPORT");
        assertThat(byUnit(call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/grades/preview", "office", null)
                .getBody().get("grades"))).isEqualTo(expected);
        ResponseEntity<JsonNode> proposed = call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/grades/proposals",
                "office", null);
        assertThat(proposed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(byUnit(proposed.getBody().get("grades"))).isEqualTo(expected);
        String proposalId = proposed.getBody().get("proposalId").asText();

        JsonNode event = awaitPublished(Topics.SCORING, "GradesProposed", cycle,
                e -> e.at("/data/proposalId").asText().equals(proposalId));
        assertThat(byUnit(event.at("/data/grades"))).isEqualTo(expected);
        assertThat(byUnit(call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/grades", "office", null).getBody()
                .at("/proposal/grades"))).as("the stored proposal, read back").isEqualTo(expected);
    }

    /** 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60 (with the consequence given), 不合格 below. */
    private static Map<String, Object> scheme(String fairConsequence) {
        Map<String, Object> fair = new HashMap<>(Map.of("grade", "合格", "minPercent", 60));
        if (fairConsequence != null) {
            fair.put("consequence", fairConsequence);
        }
        return Map.of("bands", List.of(Map.of("grade", "优秀", "minPercent", 90, "consequence", "NONE"),
                        Map.of("grade", "良好", "minPercent", 80, "consequence", "NONE"), fair,
                        Map.of("grade", "不合格", "minPercent", 0, "consequence", "TALK_AND_REPORT")),
                "quotas", List.of(), "vetoes", List.of());
    }

    private static Map<String, String> byUnit(JsonNode grades) {
        Map<String, String> byUnit = new HashMap<>();
        grades.forEach(g -> byUnit.put(g.get("unitCode").asText(),
                g.get("grade").asText() + ":" + g.get("consequence").asText()));
        return byUnit;
    }

    private ResponseEntity<JsonNode> inEnglish(HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.forUser("office"));
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, "en");
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private void judge(String cycle, String unit, String score) {
        ResponseEntity<JsonNode> decided = decide(cycle, "reviewer.fpymj", "unitCode", unit, "itemCode", "g.1",
                "kind", "JUDGED", "score", new BigDecimal(score), "reason", "党建工作综合评定");
        assertThat(decided.getStatusCode()).as(String.valueOf(decided.getBody())).isEqualTo(HttpStatus.CREATED);
    }
}
