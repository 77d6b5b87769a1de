package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.testsupport.Tokens;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The self-assessment preview: the rule's points for typed values, refusals at the field, access. */
class PreviewIT extends ScoringITBase {

    private static final List<CycleOpened.Unit> UNITS = Fixtures.cycleUnits("bz-sjw", "bz-zjfy");

    private String cycle;

    @BeforeEach
    void openTheCycle() {
        cycle = newCycleId("preview");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
    }

    @Test
    void theItemsRuleGivesThePointsAndItsExplanation() {
        List<String> before = scoreRows(cycle);

        // "未按时完成，1次扣0.01分（扣完为止）", 5 points
        JsonNode late = ok(preview("reporter.sjw", "bz-sjw", "eff.1", Map.of("measured", Map.of("incidents", 3)), "zh-CN"));
        assertThat(late.get("points").decimalValue()).isEqualByComparingTo("4.97");
        assertThat(late.get("maximum").decimalValue()).isEqualByComparingTo("5");
        assertThat(late.get("deducted").decimalValue()).isEqualByComparingTo("0.03");
        assertThat(late.get("explanation").asText()).isEqualTo("发生3起，每起扣0.01分，扣0.03分，得4.97分");

        // "得分=单位活动实际开展数÷单位需开展活动数×0.5": 1 of 3 → 0.1666… → 0.17
        JsonNode rate = ok(preview("reporter.sjw", "bz-sjw", "eff.3",
                Map.of("measured", Map.of("actual", 1, "required", 3)), "zh-CN"));
        assertThat(rate.get("points").decimalValue()).isEqualByComparingTo("0.17");
        assertThat(rate.get("explanation").asText()).contains("实际完成1").contains("应完成3").endsWith("得0.17分");

        // "审限内结案率达95%…每少完成一个百分点扣0.1分": 93.5% → 2 − 0.15
        JsonNode threshold = ok(preview("head.sjw", "bz-sjw", "duty.3",
                Map.of("measured", Map.of("rate", new BigDecimal("93.5"))), "zh-CN"));
        assertThat(threshold.get("points").decimalValue()).isEqualByComparingTo("1.85");

        // A judged item: the self-score stands for the judged score.
        JsonNode judged = ok(preview("reporter.sjw", "bz-sjw", "duty.1",
                Map.of("selfScore", new BigDecimal("4.5"), "measured", Map.of("reason", "驻村帮扶按计划完成")), "zh-CN"));
        assertThat(judged.get("points").decimalValue()).isEqualByComparingTo("4.50");
        assertThat(judged.get("explanation").asText()).contains("驻村帮扶按计划完成");

        // Nothing typed yet: no points, the values still needed named; a per-incident rule starts from 0 incidents.
        JsonNode empty = ok(preview("reporter.sjw", "bz-sjw", "duty.3", Map.of("measured", Map.of()), "zh-CN"));
        assertThat(empty.get("points").isNull()).isTrue();
        assertThat(empty.get("missing")).extracting(JsonNode::asText).containsExactly("rate");
        JsonNode untouched = ok(preview("reporter.sjw", "bz-sjw", "eff.1", Map.of(), "zh-CN"));
        assertThat(untouched.get("points").decimalValue()).isEqualByComparingTo("5.00");

        // A preview records nothing.
        assertThat(decisionCount(cycle)).isZero();
        assertThat(scoreRows(cycle)).isEqualTo(before);
    }

    @Test
    void badValuesAreRefusedAtTheirFieldInTheCallersLanguage() {
        JsonNode fraction = refused(preview("reporter.sjw", "bz-sjw", "eff.1",
                Map.of("measured", Map.of("incidents", new BigDecimal("1.5"))), "zh-CN"), HttpStatus.BAD_REQUEST);
        assertThat(fraction.get("code").asText()).isEqualTo("scoring.preview.invalid");
        assertThat(fraction.at("/errors/0/location").asText()).isEqualTo("measured.incidents");
        assertThat(fraction.at("/errors/0/message").asText()).contains("必须是整数").doesNotContain("whole number");

        JsonNode english = refused(preview("reporter.sjw", "bz-sjw", "eff.1",
                Map.of("measured", Map.of("incidents", -2)), "en"), HttpStatus.BAD_REQUEST);
        assertThat(english.at("/errors/0/location").asText()).isEqualTo("measured.incidents");
        assertThat(english.at("/errors/0/message").asText()).contains("must not be negative").doesNotContain("不能为负");

        JsonNode text = refused(preview("reporter.sjw", "bz-sjw", "duty.3",
                Map.of("measured", Map.of("rate", "九成")), "zh-CN"), HttpStatus.BAD_REQUEST);
        assertThat(text.at("/errors/0/location").asText()).isEqualTo("measured.rate");

        // Fine alone, not together: no activities required.
        JsonNode none = refused(preview("reporter.sjw", "bz-sjw", "eff.3",
                Map.of("measured", Map.of("actual", 1, "required", 0)), "zh-CN"), HttpStatus.BAD_REQUEST);
        assertThat(none.at("/errors/0/location").asText()).isEqualTo("measured.required");
        assertThat(none.at("/errors/0/message").asText()).contains("必须大于0");

        // A judged self-score above the item's points is refused at the self-score.
        JsonNode tooHigh = refused(preview("reporter.sjw", "bz-sjw", "duty.1",
                Map.of("selfScore", 6, "measured", Map.of("reason", "很好")), "zh-CN"), HttpStatus.BAD_REQUEST);
        assertThat(tooHigh.at("/errors/0/location").asText()).isEqualTo("selfScore");

        JsonNode unknown = refused(preview("reporter.sjw", "bz-sjw", "eff.1",
                Map.of("measured", Map.of("rate", 90)), "zh-CN"), HttpStatus.BAD_REQUEST);
        assertThat(unknown.at("/errors/0/location").asText()).isEqualTo("measured.rate");
        assertThat(unknown.at("/errors/0/message").asText()).contains("incidents");
    }

    @Test
    void anotherUnitsItemsAreNotFoundAndAuditedDepartmentsPreviewTheirOwnItems() {
        long audited = audited();
        Map<String, Object> body = Map.of("measured", Map.of("incidents", 1));

        JsonNode other = refused(preview("reporter.zjfy", "bz-sjw", "eff.1", body, "zh-CN"), HttpStatus.NOT_FOUND);
        assertThat(other.get("code").asText()).isEqualTo("scoring.unit.not-found");
        assertThat(audited()).isEqualTo(audited + 1);
        // The unit's own, with the same values: answered.
        assertThat(ok(preview("reporter.zjfy", "bz-zjfy", "eff.1", body, "zh-CN")).get("points").decimalValue())
                .isEqualByComparingTo("4.99");

        // swzzb assesses eff.1, sfpymj does not.
        assertThat(ok(preview("reviewer.swzzb", "bz-sjw", "eff.1", body, "zh-CN")).get("points").decimalValue())
                .isEqualByComparingTo("4.99");
        refused(preview("reviewer.fpymj", "bz-sjw", "eff.1", body, "zh-CN"), HttpStatus.NOT_FOUND);
        assertThat(audited()).isEqualTo(audited + 2);
        ok(preview("reviewer.fpymj", "bz-sjw", "duty.1", Map.of("selfScore", 3), "zh-CN"));
        // The office and leaders see every unit's items; an item the unit does not have is not found.
        ok(preview("office", "bz-sjw", "eff.1", body, "zh-CN"));
        ok(preview("leader", "bz-zjfy", "eff.1", body, "zh-CN"));
        refused(preview("office", "bz-zjfy", "key.3", Map.of(), "zh-CN"), HttpStatus.NOT_FOUND);
        refused(preview("office", "bz-nowhere", "eff.1", Map.of(), "zh-CN"), HttpStatus.NOT_FOUND);
    }

    private ResponseEntity<JsonNode> preview(String user, String unit, String item, Object body, String language) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.forUser(user));
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        return http.exchange("/api/scoring/cycles/" + cycle + "/units/" + unit + "/items/" + item + "/preview",
                HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private long audited() {
        return refusals();
    }

    private static JsonNode ok(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static JsonNode refused(ResponseEntity<JsonNode> response, HttpStatus status) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(status);
        return response.getBody();
    }
}
