package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.EvidenceAdded;
import io.kaohe.contracts.events.Topics;
import io.kaohe.testsupport.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * 加分申报 end to end on the real servers: a unit's reporter applies with its evidence, the owning department
 * accepts (a BONUS decision, the item re-scored) or refuses with a reason; the cap and "单项不重复计分" are
 * enforced when filing and again when accepting; other units and departments are refused and audited.
 */
class BonusApplicationIT extends ScoringITBase {

    private static final List<CycleOpened.Unit> UNITS = Fixtures.cycleUnits("bz-sjw", "bz-zjfy");

    @Test
    void aUnitsBonusApplicationAcceptedByTheOwningDepartmentRaisesItsScoreWithinTheCapAndCountsEachMatterOnce() {
        String cycle = newCycleId("bonus");
        openCycle(cycle, Fixtures.SUPERVISION, UNITS);
        String praise = evidence(cycle, "bz-sjw");
        String honour = evidence(cycle, "bz-sjw");
        String foreign = evidence(cycle, "bz-zjfy");
        assertThat(reviewed(cycle, "bz-sjw", "sup.1")).isEqualByComparingTo("80");

        JsonNode items = call(HttpMethod.GET, units(cycle) + "/bz-sjw/bonus-items", "reporter.sjw", null).getBody();
        assertThat(items.at("/0/itemCode").asText()).isEqualTo("sup.1");
        assertThat(items.at("/0/takes").asText()).isEqualTo("AMOUNT");
        assertThat(items.at("/0/left").decimalValue()).isEqualByComparingTo("20");

        // Another unit's reporter, for bz-sjw: refused before anything is looked up, and audited.
        long refusals = refusals();
        ResponseEntity<JsonNode> foreignUnit = file(cycle, "bz-sjw", "reporter.zjfy", "县委工作会议书面通报表扬", 5, praise);
        assertThat(foreignUnit.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(foreignUnit.getBody().get("code").asText()).isEqualTo("scoring.bonus.not-your-unit");
        await().atMost(Duration.ofSeconds(30)).until(() -> refusals() > refusals);

        // Evidence of another unit, no matter, no evidence: every fault at its field, nothing filed.
        ResponseEntity<JsonNode> bad = call(HttpMethod.POST, units(cycle) + "/bz-sjw/bonus-applications",
                "reporter.sjw", body("itemCode", "sup.1", "amount", 5, "reason", "受表扬", "evidenceIds",
                        List.of(foreign)));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().get("errors")).extracting(e -> e.get("location").asText())
                .containsExactlyInAnyOrder("matter", "evidenceIds[0]");
        assertThat(applicationCount(cycle)).isZero();

        ResponseEntity<JsonNode> filed = file(cycle, "bz-sjw", "reporter.sjw", "县委工作会议书面通报表扬", 5, praise);
        assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String praiseId = filed.getBody().get("id").asText();
        assertThat(filed.getBody().get("state").asText()).isEqualTo("SUBMITTED");
        assertThat(filed.getBody().get("points").decimalValue()).isEqualByComparingTo("5");
        JsonNode filedEvent = awaitPublished(Topics.SCORING, "BonusApplicationFiled", cycle,
                e -> praiseId.equals(e.at("/data/applicationId").asText()));
        assertThat(filedEvent.at("/data/assessingDepartments/0").asText()).isEqualTo("swzzb");
        // Filed once: the same matter again (however spelled) is 单项不重复计分.
        ResponseEntity<JsonNode> again = file(cycle, "bz-sjw", "reporter.sjw", " 县委工作会议书面通报表扬 ", 3, praise);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("code").asText()).isEqualTo("scoring.bonus.matter-counted");

        // A department that does not assess the item may not answer (audited); the owner accepts.
        long before = refusals();
        ResponseEntity<JsonNode> notOwner = answer(cycle, praiseId, "accept", "reviewer.fpymj", null);
        assertThat(notOwner.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(notOwner.getBody().get("code").asText()).isEqualTo("scoring.decision.not-owner");
        await().atMost(Duration.ofSeconds(30)).until(() -> refusals() > before);
        ResponseEntity<JsonNode> accepted = answer(cycle, praiseId, "accept", "reviewer.swzzb", null);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(accepted.getBody().get("state").asText()).isEqualTo("ACCEPTED");
        String decisionId = accepted.getBody().get("decisionId").asText();
        assertThat(reviewed(cycle, "bz-sjw", "sup.1")).isEqualByComparingTo("85");
        assertThat(db.sql("select source from decision where id = ?::uuid and kind = 'BONUS' and adjustment_item = ?")
                .params(decisionId, "县委工作会议书面通报表扬").query(String.class).single()).isEqualTo("加分申报");
        assertThat(db.sql("select evidence_refs from decision where id = ?::uuid").param(decisionId)
                .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).single())
                .containsExactly("加分申报:" + praiseId, praise);
        // Accepting again changes nothing.
        long decisions = decisionCount(cycle);
        ResponseEntity<JsonNode> twice = answer(cycle, praiseId, "accept", "reviewer.swzzb", null);
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(twice.getBody().get("decisionId").asText()).isEqualTo(decisionId);
        assertThat(decisionCount(cycle)).isEqualTo(decisions);
        assertThat(reviewed(cycle, "bz-sjw", "sup.1")).isEqualByComparingTo("85");
        awaitPublished(Topics.SCORING, "BonusApplicationAnswered", cycle,
                e -> praiseId.equals(e.at("/data/applicationId").asText())
                        && "ACCEPTED".equals(e.at("/data/outcome").asText()));

        // The cap (最高得分为100分): 15 points are left; 16 are refused saying so, in zh and en.
        ResponseEntity<JsonNode> overCap = file(cycle, "bz-sjw", "reporter.sjw", "省级荣誉", 16, honour);
        assertThat(overCap.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(overCap.getBody().get("code").asText()).isEqualTo("scoring.bonus.cap-exceeded");
        assertThat(overCap.getBody().get("left").decimalValue()).isEqualByComparingTo("15");
        assertThat(overCap.getBody().get("detail").asText()).contains("最高得分为 100 分").contains("尚可加 15 分");
        JsonNode english = english(HttpMethod.POST, units(cycle) + "/bz-sjw/bonus-applications", "reporter.sjw",
                body("itemCode", "sup.1", "matter", "省级荣誉", "amount", 16, "reason", "省级表彰", "evidenceIds",
                        List.of(honour)));
        assertThat(english.get("detail").asText()).contains("at most 100 points").contains("15 points are left");

        String honourId = file(cycle, "bz-sjw", "reporter.sjw", "省级荣誉", 15, honour).getBody().get("id").asText();
        String thirdId = file(cycle, "bz-sjw", "reporter.sjw", "督查通报表扬", 1, honour).getBody().get("id").asText();
        assertThat(answer(cycle, honourId, "accept", "reviewer.swzzb", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(reviewed(cycle, "bz-sjw", "sup.1")).isEqualByComparingTo("100");
        // Filed while there was room; accepting it now would pass the cap.
        ResponseEntity<JsonNode> lateCap = answer(cycle, thirdId, "accept", "reviewer.swzzb", null);
        assertThat(lateCap.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(lateCap.getBody().get("code").asText()).isEqualTo("scoring.bonus.cap-exceeded");
        assertThat(lateCap.getBody().get("left").decimalValue()).isEqualByComparingTo("0");

        // Refused with a reason the unit reads; a refusal needs one; answered, it can no longer be withdrawn.
        assertThat(answer(cycle, thirdId, "refuse", "reviewer.swzzb", " ").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<JsonNode> refused = answer(cycle, thirdId, "refuse", "reviewer.swzzb", "已达最高得分100分，不再加分");
        assertThat(refused.getBody().get("state").asText()).isEqualTo("REFUSED");
        assertThat(refused.getBody().get("answerReason").asText()).isEqualTo("已达最高得分100分，不再加分");
        awaitPublished(Topics.SCORING, "BonusApplicationAnswered", cycle,
                e -> thirdId.equals(e.at("/data/applicationId").asText())
                        && "已达最高得分100分，不再加分".equals(e.at("/data/reason").asText()));
        ResponseEntity<JsonNode> lateWithdrawal = call(HttpMethod.POST,
                "/api/scoring/cycles/" + cycle + "/bonus-applications/" + thirdId + "/withdraw", "reporter.sjw", null);
        assertThat(lateWithdrawal.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(lateWithdrawal.getBody().get("code").asText()).isEqualTo("scoring.bonus.transition");

        // Who sees what.
        assertThat(list(cycle, "reporter.sjw")).hasSize(3);
        assertThat(list(cycle, "reporter.zjfy")).isEmpty();
        assertThat(list(cycle, "reviewer.swzzb")).hasSize(3);
        assertThat(list(cycle, "reviewer.fpymj")).isEmpty();
        assertThat(list(cycle, "office")).hasSize(3);
    }

    @Test
    void aCountedBonusIsWorthItsPointsPerItemAndAUnitWithdrawsWhatIsNotAnswered() {
        String cycle = newCycleId("bonus-count");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        String file = evidence(cycle, "bz-zjfy");

        ResponseEntity<JsonNode> notBonus = call(HttpMethod.POST, units(cycle) + "/bz-zjfy/bonus-applications",
                "reporter.zjfy", body("itemCode", "eff.1", "matter", "m", "amount", 1, "reason", "r", "evidenceIds",
                        List.of(file)));
        assertThat(notBonus.getBody().get("code").asText()).isEqualTo("scoring.bonus.not-a-bonus-item");
        ResponseEntity<JsonNode> half = call(HttpMethod.POST, units(cycle) + "/bz-zjfy/bonus-applications",
                "reporter.zjfy", body("itemCode", "key.1", "matter", "司法公信提升年活动", "count", 1.5, "amount", 2,
                        "reason", "完成", "evidenceIds", List.of(file)));
        assertThat(half.getBody().get("errors")).extracting(e -> e.get("location").asText())
                .containsExactlyInAnyOrder("count", "amount");

        ResponseEntity<JsonNode> filed = call(HttpMethod.POST, units(cycle) + "/bz-zjfy/bonus-applications",
                "reporter.zjfy", body("itemCode", "key.1", "matter", "司法公信提升年活动", "count", 2, "reason",
                        "完成两项活动", "evidenceIds", List.of(file)));
        assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(filed.getBody().get("points").decimalValue()).isEqualByComparingTo("4");
        String id = filed.getBody().get("id").asText();
        assertThat(answer(cycle, id, "accept", "reviewer.swzzb", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(reviewed(cycle, "bz-zjfy", "key.1")).isEqualByComparingTo("4");

        String other = call(HttpMethod.POST, units(cycle) + "/bz-zjfy/bonus-applications", "reporter.zjfy",
                body("itemCode", "key.1", "matter", "示范庭审", "count", 1, "reason", "完成一项", "evidenceIds",
                        List.of(file))).getBody().get("id").asText();
        ResponseEntity<JsonNode> notTheirs = call(HttpMethod.POST,
                "/api/scoring/cycles/" + cycle + "/bonus-applications/" + other + "/withdraw", "reporter.sjw", null);
        assertThat(notTheirs.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> withdrawn = call(HttpMethod.POST,
                "/api/scoring/cycles/" + cycle + "/bonus-applications/" + other + "/withdraw", "reporter.zjfy", null);
        assertThat(withdrawn.getBody().get("state").asText()).isEqualTo("WITHDRAWN");
        assertThat(answer(cycle, other, "accept", "reviewer.swzzb", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(reviewed(cycle, "bz-zjfy", "key.1")).isEqualByComparingTo("4");
    }

    private String evidence(String cycle, String unit) {
        String id = UUID.randomUUID().toString();
        send("/evidence-service", EvidenceAdded.TYPE, "evidence/" + id, cycle, unit, new EvidenceAdded(id, 1, cycle,
                unit, "YEAR", List.of(), "表扬通报.pdf", "application/pdf", 100, "0".repeat(64), "0".repeat(64),
                LocalDate.of(2015, 11, 20), null, "reporter", Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> db.sql(
                "select count(*) from evidence_owner where evidence_id = ?").param(id).query(Long.class).single() == 1);
        return id;
    }

    private static String units(String cycle) {
        return "/api/scoring/cycles/" + cycle + "/units";
    }

    private ResponseEntity<JsonNode> file(String cycle, String unit, String user, String matter, int amount,
                                          String evidence) {
        return call(HttpMethod.POST, units(cycle) + "/" + unit + "/bonus-applications", user,
                body("itemCode", "sup.1", "matter", matter, "amount", amount, "reason", "在县委工作会议上受书面通报表扬",
                        "evidenceIds", List.of(evidence)));
    }

    private ResponseEntity<JsonNode> answer(String cycle, String id, String verb, String user, String reason) {
        return call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/bonus-applications/" + id + "/" + verb, user,
                reason == null ? null : body("reason", reason));
    }

    private JsonNode list(String cycle, String user) {
        ResponseEntity<JsonNode> response = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/bonus-applications",
                user, null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private JsonNode english(HttpMethod method, String path, String user, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.forUser(user));
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, "en");
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class).getBody();
    }

    private long applicationCount(String cycle) {
        return db.sql("select count(*) from bonus_application where cycle_id = ?").param(cycle).query(Long.class)
                .single();
    }
}
