package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The leaders' cockpit: a small cycle's aggregates, numbers and order, an earlier year next to it, and who may see it. */
class CockpitIT extends ScoringITBase {

    private static final List<CycleOpened.Unit> UNITS = Fixtures.cycleUnits("bz-sjw", "bz-zjfy", "bz-x1", "bz-x2", "bz-y1");

    @Test
    void aCycleInAggregateWithAnEarlierYearAndOnlyForLeadersAndTheOffice() {
        // Years of their own: the shared database holds other tests' (2015) cycles and earlier runs' ones.
        int year = 2100 + ThreadLocalRandom.current().nextInt(800);
        String earlier = newCycleId("cockpit-before");
        openCycle(earlier, year - 1, Fixtures.GRADING, List.of(UNITS.get(0), UNITS.get(4)));
        judge(earlier, "bz-sjw", "76", "材料不全", null);
        judge(earlier, "bz-y1", "60", "台账不规范", null);
        propose(earlier);

        String cycle = newCycleId("cockpit");
        openCycle(cycle, year, Fixtures.GRADING, UNITS);
        selfAssess(cycle, "bz-sjw", "95");
        selfAssess(cycle, "bz-zjfy", "90");
        selfAssess(cycle, "bz-x1", "68");
        await().atMost(Duration.ofSeconds(60)).until(() -> db.sql(
                "select count(*) from self_assessment where cycle_id = ?").param(cycle).query(Integer.class).single() == 3);

        // Before any decision: three party departments assessed themselves; only the veto items stand reviewed.
        JsonNode before = cockpit(cycle, "office").getBody();
        JsonNode party = before.at("/categories/0");
        assertThat(party.get("category").asText()).isEqualTo("party-dept");
        assertThat(List.of(party.get("units").asInt(), party.get("selfAssessed").asInt(), party.get("reviewed").asInt(),
                party.get("inReview").asInt())).containsExactly(4, 3, 0, 4);

        judge(cycle, "bz-sjw", "85", "材料不全", "年终考核");
        judge(cycle, "bz-zjfy", "88", "材料不全", "年终考核");
        judge(cycle, "bz-x1", "80", "工作一般", null);
        judge(cycle, "bz-x2", "50", "材料不全", "督查通报");
        judge(cycle, "bz-y1", "70", "台账不规范", "督查通报");
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-x2", "itemCode", "g.veto", "kind", "DEDUCTION",
                "count", 1, "reason", "发生进京上访1起", "source", "督查通报"));

        JsonNode ungraded = cockpit(cycle, "leader").getBody();
        assertThat(ungraded.at("/categories/0/ungraded").asInt()).isEqualTo(4);
        propose(cycle);

        ResponseEntity<JsonNode> response = call(HttpMethod.GET,
                "/api/scoring/cycles/" + cycle + "/cockpit?gaps=2&reasons=3", "leader", null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode view = response.getBody();
        assertThat(view.get("year").asInt()).isEqualTo(year);

        // Percent: sjw 90, zjfy 93, x1 85, x2 50 (vetoed); y1 75.
        party = view.at("/categories/0");
        assertThat(List.of(party.get("reviewed").asInt(), party.get("inReview").asInt())).containsExactly(4, 0);
        assertThat(party.get("meanPercent").decimalValue()).isEqualByComparingTo("79.50");
        assertThat(party.get("minPercent").decimalValue()).isEqualByComparingTo("50");
        assertThat(party.get("maxPercent").decimalValue()).isEqualByComparingTo("93");
        assertThat(party.get("buckets")).extracting(b -> b.get("label").asText() + "=" + b.get("count").asInt())
                .containsExactly("<60=1", "60–70=0", "70–80=0", "80–90=1", "90–100=2");
        assertThat(party.get("grades")).extracting(g -> g.get("grade").asText() + "=" + g.get("count").asInt())
                .containsExactly("好=2", "较好=1", "一般=0", "较差=1");
        assertThat(party.get("ungraded").asInt()).isZero();
        JsonNode mass = view.at("/categories/1");
        assertThat(mass.get("category").asText()).isEqualTo("mass-org");
        assertThat(mass.get("selfAssessed").asInt()).isZero();
        assertThat(mass.get("buckets")).extracting(b -> b.get("count").asInt()).containsExactly(0, 0, 1, 0, 0);
        assertThat(mass.get("grades")).extracting(g -> g.get("grade").asText() + "=" + g.get("count").asInt())
                .containsExactly("好=0", "较好=0", "一般=1", "较差=0");

        // Gaps either way, largest first: x1 gave itself 68 and was reviewed to 80; sjw 95 → 85; (zjfy 90 → 88 is third).
        assertThat(view.get("gaps")).extracting(g -> g.get("unitCode").asText() + " " + g.get("itemCode").asText() + " "
                        + g.get("selfScore").decimalValue().stripTrailingZeros().toPlainString() + "→"
                        + g.get("reviewedScore").decimalValue().stripTrailingZeros().toPlainString() + " "
                        + g.get("gap").decimalValue().stripTrailingZeros().toPlainString())
                .containsExactly("bz-x1 g.1 68→80 -12", "bz-sjw g.1 95→85 10");
        assertThat(view.at("/gaps/0/itemTitle").asText()).isEqualTo("党建工作综合");
        assertThat(view.at("/gaps/0/unitName").asText()).isEqualTo("市检察院");

        // Reasons: 材料不全 3 lines, 10 + 7 + 45 points; then by points among single lines; a veto takes no points.
        assertThat(view.get("reasons")).extracting(r -> r.get("name").asText() + "×" + r.get("count").asInt() + "="
                        + r.get("points").decimalValue().stripTrailingZeros().toPlainString())
                .containsExactly("材料不全×3=62", "台账不规范×1=25", "工作一般×1=15");
        assertThat(view.get("sources")).extracting(r -> r.get("name").asText() + "×" + r.get("count").asInt() + "="
                        + r.get("points").decimalValue().stripTrailingZeros().toPlainString())
                .containsExactly("督查通报×3=70", "年终考核×2=17");

        // Across years: this cycle last, the earlier year before it (only this test's cycles are looked at).
        Set<String> ours = Set.of(earlier, cycle);
        assertThat(ours(unitHistory(view, "bz-sjw"), ours)).containsExactly(
                earlier + " 81.00 较好", cycle + " 90.00 好");
        assertThat(ours(unitHistory(view, "bz-x2"), ours)).containsExactly(cycle + " 50.00 较差");
        JsonNode partyYears = view.at("/categoryHistory/0");
        assertThat(partyYears.get("category").asText()).isEqualTo("party-dept");
        assertThat(ours(partyYears.get("years"), ours)).containsExactly(earlier + " 81.00 null", cycle + " 79.50 null");
        assertThat(ours(view.at("/categoryHistory/1/years"), ours)).containsExactly(earlier + " 65.00 null",
                cycle + " 75.00 null");
        List<Integer> years = new ArrayList<>();
        partyYears.get("years").forEach(y -> years.add(y.get("year").asInt()));
        assertThat(years).isSorted();

        // A unit's reporter and a department's reviewer are refused, in a problem detail, and it is recorded.
        long refused = refusals();
        ResponseEntity<JsonNode> reporter = cockpit(cycle, "reporter.sjw");
        assertThat(reporter.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(reporter.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat(cockpit(cycle, "reviewer.swzzb").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        await().atMost(Duration.ofSeconds(30)).until(() -> refusals() >= refused + 2);
        assertThat(cockpit("no-such-cycle", "leader").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theCockpitIsDocumented() {
        JsonNode docs = http.getForObject("http://127.0.0.1:" + managementPort + "/actuator/openapi", JsonNode.class);
        assertThat(docs.get("paths").has("/api/scoring/cycles/{cycleId}/cockpit")).isTrue();
    }

    private ResponseEntity<JsonNode> cockpit(String cycle, String user) {
        return call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/cockpit", user, null);
    }

    private static JsonNode unitHistory(JsonNode view, String unitCode) {
        for (JsonNode unit : view.get("unitHistory")) {
            if (unit.get("unitCode").asText().equals(unitCode)) {
                return unit.get("years");
            }
        }
        throw new AssertionError("no history of " + unitCode);
    }

    private static List<String> ours(JsonNode years, Set<String> cycles) {
        List<String> found = new ArrayList<>();
        years.forEach(y -> {
            if (cycles.contains(y.get("cycleId").asText())) {
                found.add(y.get("cycleId").asText() + " " + y.get("percent").decimalValue().setScale(2) + " "
                        + (y.get("grade").isNull() ? "null" : y.get("grade").asText()));
            }
        });
        return found;
    }

    private void judge(String cycle, String unit, String score, String reason, String source) {
        created(source == null
                ? decide(cycle, "reviewer.fpymj", "unitCode", unit, "itemCode", "g.1", "kind", "JUDGED",
                        "score", new BigDecimal(score), "reason", reason)
                : decide(cycle, "reviewer.fpymj", "unitCode", unit, "itemCode", "g.1", "kind", "JUDGED",
                        "score", new BigDecimal(score), "reason", reason, "source", source));
    }

    private void propose(String cycle) {
        assertThat(call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/grades/proposals", "office", null)
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    private void selfAssess(String cycle, String unit, String selfScore) {
        send("/evidence-service", SelfAssessmentSubmitted.TYPE, "submissions/" + unit, cycle, unit,
                new SelfAssessmentSubmitted("s-" + unit, 1, cycle, unit, "YEAR", Fixtures.GRADING, "reporter", "head",
                        Instant.now(), false, List.of(
                        new SelfAssessmentSubmitted.Item("g.1", new BigDecimal(selfScore), Map.of(), "自评", List.of()),
                        new SelfAssessmentSubmitted.Item("g.veto", null, Map.of("incidents", 0), "无", List.of()))));
    }

    private static JsonNode created(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }
}
