package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.GradesApproved;
import io.kaohe.contracts.events.RecordDecision;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Decisions through the API: every rule type with the seeds' wording, bad input, corrections, freezing. */
class DecisionsIT extends ScoringITBase {

    private static final List<CycleOpened.Unit> UNITS = Fixtures.cycleUnits("bz-sjw", "bz-zjfy", "bz-x1");

    @Test
    void everyRuleTypeScoresTheSeedsWordingThroughTheApi() {
        String cycle = newCycleId("rules");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        // Before any decision: deduction rules keep full points, measured rules are not reviewed yet.
        assertThat(reviewed(cycle, "bz-sjw", "eff.1")).isEqualByComparingTo("5.00");
        assertThat(reviewed(cycle, "bz-sjw", "duty.3")).isNull();

        // "每少1人扣0.1分，大要案比例每下降1个百分点扣0.01分（扣完为止）"
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "duty.2", "kind", "DEDUCTION",
                "count", 3, "measure", "人", "reason", "立案查办贪污贿赂犯罪少3人", "source", "年度考核"));
        JsonNode second = created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "duty.2",
                "kind", "DEDUCTION", "count", 5, "measure", "大要案比例百分点", "reason", "大要案比例下降5个百分点"));
        assertThat(second.at("/score/reviewedScore").decimalValue()).isEqualByComparingTo("4.65");
        // "审限内结案率达95%…每少完成一个百分点扣0.1分"
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "duty.3", "kind", "MEASUREMENT",
                "measured", Map.of("rate", new BigDecimal("93.5")), "reason", "审限内结案率93.5%"));
        // "未按时完成，1次扣0.01分（扣完为止）"
        JsonNode late = created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "eff.1",
                "kind", "DEDUCTION", "count", 2, "reason", "市委交办事项未按时完成2次", "source", "督查通报",
                "date", "2015-07-15", "evidenceRefs", List.of("notice-2015-07")));
        // "零进京、零上访、零事件，否则不计分"
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "eff.2", "kind", "DEDUCTION",
                "count", 1, "reason", "发生进京上访1起", "source", "县委巡察通报"));
        // "得分=单位活动实际开展数÷单位需开展活动数×0.5": 1 of 3 → 0.1666… → 0.17 (HALF_UP)
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "eff.3", "kind", "MEASUREMENT",
                "measured", Map.of("actual", 1, "required", 3), "reason", "中心组学习应开展3次，实际1次"));
        // "每完成一项计2分"
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "key.1", "kind", "BONUS",
                "count", 3, "reason", "完成超审限专项治理、司法作风专项治理、司法公开3项"));
        // "按省法院试点计划进度完成计满分，未按进度完成不计分"
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "key.2", "kind", "MEASUREMENT",
                "measured", Map.of("completed", true), "reason", "按进度完成"));
        // "按《…细则》进行评分，折算计入总分"
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "key.3", "kind", "MEASUREMENT",
                "measured", Map.of("subScore", 87), "reason", "细则得87分"));
        // "根据完成情况计分" by the lead department, then an inspector's deduction with its source
        created(decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1", "kind", "JUDGED",
                "score", new BigDecimal("4.5"), "reason", "驻村帮扶考核良好"));
        JsonNode inspected = created(decide(cycle, "inspector.1", "unitCode", "bz-sjw", "itemCode", "duty.1",
                "kind", "DEDUCTION", "amount", new BigDecimal("0.1"), "reason", "防范藏传佛教在非涉藏地区传播不到位",
                "source", "省委巡视通报"));

        JsonNode computed = awaitPublished(io.kaohe.contracts.events.Topics.SCORING, "ScoresComputed", cycle,
                event -> event.at("/data/reviewedTotal").decimalValue().compareTo(new BigDecimal("27.92")) == 0);
        assertThat(computed.get("unitid").asText()).isEqualTo("bz-sjw");
        assertThat(computed.at("/data/maximum").decimalValue()).isEqualByComparingTo("38.50");
        assertThat(computed.at("/data/trigger").asText()).isEqualTo("DECISION");
        assertThat(computed.at("/data/topLevels/0/title").asText()).isEqualTo("职能职责");

        Map<String, String> expected = Map.of("duty.1", "4.40", "duty.2", "4.65", "duty.3", "1.85", "eff.1", "4.98",
                "eff.2", "0.00", "eff.3", "0.17", "key.1", "6.00", "key.2", "5.00", "key.3", "0.87");
        expected.forEach((item, score) -> assertThat(reviewed(cycle, "bz-sjw", item)).as(item)
                .isEqualByComparingTo(score));

        JsonNode sheet = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/units/bz-sjw/sheet", "office", null)
                .getBody();
        assertThat(sheet.get("maximum").decimalValue()).isEqualByComparingTo("38.50");
        assertThat(sheet.get("reviewedTotal").decimalValue()).isEqualByComparingTo("27.92");
        assertThat(sheet.toString()).contains("防范藏传佛教在非涉藏地区传播不到位（省委巡视通报），扣0.1分")
                .contains("发生进京上访1起（县委巡察通报），发生1起，该项不计分");

        // A correction supersedes, with who and why; a withdrawal removes a deduction.
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "eff.1", "kind", "DEDUCTION",
                "count", 1, "reason", "核实后为1次", "supersedes", late.at("/decision/id").asText()));
        assertThat(reviewed(cycle, "bz-sjw", "eff.1")).isEqualByComparingTo("4.99");
        created(decide(cycle, "inspector.1", "unitCode", "bz-sjw", "itemCode", "duty.1", "kind", "WITHDRAWAL",
                "reason", "巡视通报所指问题不属于本单位", "supersedes", inspected.at("/decision/id").asText()));
        assertThat(reviewed(cycle, "bz-sjw", "duty.1")).isEqualByComparingTo("4.50");
        ResponseEntity<JsonNode> again = decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "eff.1",
                "kind", "DEDUCTION", "count", 3, "reason", "再次更正", "supersedes", late.at("/decision/id").asText());
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        JsonNode history = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle
                + "/units/bz-sjw/items/eff.1/decisions", "office", null).getBody();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).at("/supersededBy").asText()).isEqualTo(history.get(1).at("/decision/id").asText());
        assertThat(history.get(1).at("/decision/decidedBy").asText()).isEqualTo("reviewer.swzzb");
        assertThat(history.get(1).at("/decision/reason").asText()).isEqualTo("核实后为1次");
    }

    @Test
    void seed003BasePlusAdjustmentsThroughTheApi() {
        String cycle = newCycleId("sup");
        openCycle(cycle, Fixtures.SUPERVISION, List.of(unit("bz-sjw", "市纪委（监察局）", "party-dept")));
        assertThat(reviewed(cycle, "bz-sjw", "sup.1")).isEqualByComparingTo("80.00");
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "sup.1", "kind", "BONUS",
                "amount", 2, "item", "承办事项按要求完成", "reason", "招商引资事项按要求完成"));
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "sup.1", "kind", "BONUS",
                "amount", 1, "item", "承办事项按要求完成", "reason", "为民办实事按要求完成"));
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "sup.1", "kind", "BONUS",
                "amount", 5, "reason", "在县三级干部大会上受书面通报表扬"));
        JsonNode penalty = created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "sup.1",
                "kind", "DEDUCTION", "amount", 2, "reason", "县主要领导交办事项未按时完成", "source", "督查通报"));
        assertThat(penalty.at("/score/reviewedScore").decimalValue()).isEqualByComparingTo("85.00");
        assertThat(penalty.at("/score/explanation").asText()).contains("单项不重复计分");
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "sup.1", "kind", "BONUS",
                "amount", 20, "reason", "为集体挽回重大经济损失"));
        assertThat(reviewed(cycle, "bz-sjw", "sup.1")).isEqualByComparingTo("100.00");
    }

    @Test
    void badInputIsRefusedWithTheReasonAndNothingIsRecorded() {
        String cycle = newCycleId("bad");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        long audited = audited();

        JsonNode noReason = refused(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "eff.1",
                "kind", "DEDUCTION", "count", -1, "reason", " "), HttpStatus.BAD_REQUEST);
        assertThat(noReason.get("code").asText()).isEqualTo("scoring.decision.invalid");
        assertThat(noReason.get("errors")).extracting(e -> e.get("location").asText())
                .containsExactlyInAnyOrder("reason", "count");
        assertThat(noReason.toString()).contains("必须填写理由").contains("不能为负数");

        JsonNode notANumber = refused(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "eff.1",
                "kind", "DEDUCTION", "count", "三次", "reason", "未按时完成"), HttpStatus.BAD_REQUEST);
        assertThat(notANumber.at("/errors/0/message").asText()).contains("必须是数字").contains("三次");

        JsonNode fraction = refused(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "eff.1",
                "kind", "DEDUCTION", "count", new BigDecimal("1.5"), "reason", "未按时完成"), HttpStatus.BAD_REQUEST);
        assertThat(fraction.at("/errors/0/message").asText()).contains("整数");

        JsonNode tooHigh = refused(decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1",
                "kind", "JUDGED", "score", 6, "reason", "很好"), HttpStatus.BAD_REQUEST);
        assertThat(tooHigh.at("/errors/0/location").asText()).isEqualTo("score");
        assertThat(tooHigh.at("/errors/0/message").asText()).contains("0到该项分值5分之间");

        JsonNode amountTooHigh = refused(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "duty.3",
                "kind", "DEDUCTION", "amount", 3, "reason", "超过分值"), HttpStatus.BAD_REQUEST);
        assertThat(amountTooHigh.at("/errors/0/location").asText()).isEqualTo("amount");

        JsonNode badMeasure = refused(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "duty.3",
                "kind", "MEASUREMENT", "measured", Map.of("rate", 120), "reason", "结案率"), HttpStatus.BAD_REQUEST);
        assertThat(badMeasure.at("/errors/0/location").asText()).isEqualTo("measured.rate");

        JsonNode notApplicable = refused(decide(cycle, "reviewer.swzzb", "unitCode", "bz-zjfy", "itemCode", "key.3",
                "kind", "MEASUREMENT", "measured", Map.of("subScore", 90), "reason", "细则得分"), HttpStatus.BAD_REQUEST);
        assertThat(notApplicable.get("code").asText()).isEqualTo("scoring.decision.item-not-applicable");
        assertThat(notApplicable.get("detail").asText()).contains("不适用于单位“bz-zjfy”");

        JsonNode notOwner = refused(decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.2",
                "kind", "DEDUCTION", "count", 1, "measure", "人", "reason", "少1人"), HttpStatus.FORBIDDEN);
        assertThat(notOwner.get("code").asText()).isEqualTo("scoring.decision.not-owner");
        assertThat(notOwner.get("detail").asText()).contains("sfpymj").contains("swzzb");

        JsonNode notAssigned = refused(decide(cycle, "inspector.1", "unitCode", "bz-x1", "itemCode", "eff.1",
                "kind", "DEDUCTION", "count", 1, "reason", "实地检查发现"), HttpStatus.FORBIDDEN);
        assertThat(notAssigned.get("code").asText()).isEqualTo("scoring.decision.not-assigned");

        refused(decide(cycle, "reporter.sjw", "unitCode", "bz-sjw", "itemCode", "eff.1", "kind", "DEDUCTION",
                "count", 1, "reason", "自己扣自己"), HttpStatus.FORBIDDEN);

        assertThat(decisionCount(cycle)).isZero();
        assertThat(reviewed(cycle, "bz-sjw", "eff.1")).isEqualByComparingTo("5.00");
        assertThat(audited()).isEqualTo(audited + 3);
    }

    @Test
    void anInspectorIsRefusedForAUnitItDoesNotInspectBeforeAnythingTellsWhichItemsApplyThere() {
        String cycle = newCycleId("scope");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        long audited = audited();
        // An item that applies, one that does not (key.3 is not bz-zjfy's … nor known), a unit not in the cycle,
        // a cycle that does not exist: the same 403, never a 400 or 404 that would tell them apart.
        List<Object[]> probes = List.of(new Object[] {cycle, "bz-x1", "eff.1"}, new Object[] {cycle, "bz-x1", "key.3"},
                new Object[] {cycle, "bz-x1", "no.such"}, new Object[] {cycle, "bz-elsewhere", "eff.1"},
                new Object[] {"no-such-cycle", "bz-x1", "eff.1"});
        for (Object[] probe : probes) {
            JsonNode refusal = refused(decide((String) probe[0], "inspector.1", "unitCode", probe[1], "itemCode", probe[2],
                    "kind", "DEDUCTION", "amount", new BigDecimal("0.1"), "reason", "实地检查发现"), HttpStatus.FORBIDDEN);
            assertThat(refusal.get("code").asText()).as(List.of(probe).toString())
                    .isEqualTo("scoring.decision.not-assigned");
        }
        // Someone who assesses nothing learns nothing either (refused by role before the request is read).
        refused(decide("no-such-cycle", "reporter.sjw", "unitCode", "bz-sjw", "itemCode", "no.such",
                "kind", "DEDUCTION", "amount", 1, "reason", "x"), HttpStatus.FORBIDDEN);
        assertThat(audited()).isEqualTo(audited + probes.size() + 1);
        assertThat(decisionCount(cycle)).isZero();
    }

    @Test
    void aDecisionCitesOnlyEvidenceOfItsOwnUnitAndCycle() {
        String cycle = newCycleId("cites");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        String own = java.util.UUID.randomUUID().toString();
        String otherUnit = java.util.UUID.randomUUID().toString();
        String otherCycle = java.util.UUID.randomUUID().toString();
        evidenceAdded(own, cycle, "bz-sjw");
        evidenceAdded(otherUnit, cycle, "bz-zjfy");
        evidenceAdded(otherCycle, "another-" + cycle, "bz-sjw");
        await().atMost(Duration.ofSeconds(60)).until(() -> db.sql(
                "select count(*) from evidence_owner where evidence_id in (?, ?, ?)").params(own, otherUnit, otherCycle)
                .query(Integer.class).single() == 3);

        JsonNode refused = refused(decide(cycle, "inspector.1", "unitCode", "bz-sjw", "itemCode", "eff.1",
                "kind", "DEDUCTION", "count", 1, "reason", "实地检查发现", "evidenceRefs",
                List.of(own, otherUnit, "督查通报〔2015〕3号", otherCycle)), HttpStatus.BAD_REQUEST);
        List<String> locations = new java.util.ArrayList<>();
        refused.get("errors").forEach(e -> locations.add(e.get("location").asText()));
        assertThat(locations).containsExactly("evidenceRefs[1]", "evidenceRefs[3]");
        assertThat(refused.at("/errors/0/message").asText()).contains(otherUnit).contains("bz-sjw");
        assertThat(decisionCount(cycle)).isZero();

        JsonNode recorded = created(decide(cycle, "inspector.1", "unitCode", "bz-sjw", "itemCode", "eff.1",
                "kind", "DEDUCTION", "count", 1, "reason", "实地检查发现", "evidenceRefs",
                List.of(own, "督查通报〔2015〕3号")));
        assertThat(recorded.at("/decision/evidenceRefs")).hasSize(2);
    }

    private void evidenceAdded(String evidenceId, String cycle, String unit) {
        send("/evidence-service", io.kaohe.contracts.events.EvidenceAdded.TYPE, "evidence/" + evidenceId, cycle, unit,
                new io.kaohe.contracts.events.EvidenceAdded(evidenceId, 1, cycle, unit, "Q1", List.of("eff.1"),
                        "现场照片.png", "image/png", 100, "0".repeat(64), "0".repeat(64), java.time.LocalDate.of(2015, 7, 15), null,
                        "inspector.1", Instant.now()));
    }

    @Test
    void workflowRecordsAnInspectionFindingOnTheInspectorsBehalfByCommandOnceHoweverOftenItIsSent() {
        String cycle = newCycleId("relayed");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        String decisionId = RecordDecision.decisionIdFor(cycle + ":bz-sjw:inspection:F1");
        RecordDecision finding = command(cycle, decisionId, "eff.1", new BigDecimal("0.5"), "会议记录不全");
        EventEnvelope<RecordDecision> first = send("/workflow", RecordDecision.TYPE, "cycles/" + cycle
                + "/units/bz-sjw/decisions/" + decisionId, cycle, "bz-sjw", finding);
        // Delivered again, and sent again in a new envelope by a job that ran twice.
        send(first, RecordDecision.TYPE);
        EventEnvelope<RecordDecision> again = send("/workflow", RecordDecision.TYPE, "cycles/" + cycle
                + "/units/bz-sjw/decisions/" + decisionId, cycle, "bz-sjw", finding);
        // Another finding after them (same unit, same partition): once it is recorded, the three before were consumed.
        String markerId = RecordDecision.decisionIdFor(cycle + ":bz-sjw:inspection:F2");
        send("/workflow", RecordDecision.TYPE, "cycles/" + cycle + "/units/bz-sjw/decisions/" + markerId, cycle,
                "bz-sjw", command(cycle, markerId, "duty.2", new BigDecimal("0.1"), "案件台账不全"));
        await().atMost(Duration.ofSeconds(60)).until(() -> decisionCount(cycle) == 2);
        assertThat(processed(again.id())).isEqualTo(1);

        JsonNode history = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/units/bz-sjw/items/eff.1/decisions",
                "office", null).getBody();
        assertThat(history).singleElement().satisfies(row -> {
            assertThat(row.at("/decision/id").asText()).isEqualTo(decisionId);
            assertThat(row.at("/decision/decidedBy").asText()).isEqualTo("inspector.1");
            assertThat(row.at("/decision/actingAs").asText()).isEqualTo("command:workflow");
            assertThat(row.at("/decision/reason").asText()).isEqualTo("会议记录不全");
            assertThat(row.at("/decision/source").asText()).isEqualTo("实地检查（阶段性考核，inspector.1）");
            assertThat(row.at("/decision/evidenceRefs/0").asText()).isEqualTo("会议记录本");
        });
        assertThat(reviewed(cycle, "bz-sjw", "eff.1")).isEqualByComparingTo("4.50");
    }

    @Test
    void aCommandThatCanNeverApplyIsParkedOnTheDeadLetterTopicWithItsReasonAndRecordsNothing() {
        String cycle = newCycleId("dlt");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        // key.3 does not apply to bz-zjfy; 3 points are more than duty.3's 2.
        String notApplicable = RecordDecision.decisionIdFor(cycle + ":bz-zjfy:inspection:F1");
        send("/workflow", RecordDecision.TYPE, "cycles/" + cycle + "/units/bz-zjfy/decisions/" + notApplicable, cycle,
                "bz-zjfy", new RecordDecision(notApplicable, cycle, "bz-zjfy", "key.3", RecordDecision.DEDUCTION,
                        new BigDecimal("0.5"), "细则未落实", "实地检查", null, List.of(), "inspector.1", "workflow"));
        String tooMuch = RecordDecision.decisionIdFor(cycle + ":bz-sjw:inspection:F1");
        send("/workflow", RecordDecision.TYPE, "cycles/" + cycle + "/units/bz-sjw/decisions/" + tooMuch, cycle,
                "bz-sjw", command(cycle, tooMuch, "duty.3", new BigDecimal("3"), "超过分值"));

        assertThat(deadLetterReason(tooMuch)).contains("scoring.decision.invalid").contains("amount");
        assertThat(deadLetterReason(notApplicable)).contains("scoring.decision.item-not-applicable").contains("key.3");
        // The partition is not blocked: a good finding after the refused one is recorded.
        String good = RecordDecision.decisionIdFor(cycle + ":bz-sjw:inspection:F2");
        send("/workflow", RecordDecision.TYPE, "cycles/" + cycle + "/units/bz-sjw/decisions/" + good, cycle,
                "bz-sjw", command(cycle, good, "eff.1", new BigDecimal("0.5"), "会议记录不全"));
        await().atMost(Duration.ofSeconds(60)).until(() -> decisionCount(cycle) == 1);
        assertThat(db.sql("select count(*) from decision where id in (?::uuid, ?::uuid)").params(notApplicable, tooMuch)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aServiceTokenDoesNotDecideThroughTheApiAndNoOneDecidesInAnothersName() {
        String cycle = newCycleId("api");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        String service = io.kaohe.testsupport.Tokens.forClient(io.kaohe.testsupport.Tokens.issuer(), "kaohe-services",
                "kaohe-services-local-secret");
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setBearerAuth(service);
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        long audited = audited();
        refused(http.exchange("/api/scoring/cycles/" + cycle + "/decisions", HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(body("unitCode", "bz-sjw", "itemCode", "eff.1", "kind",
                        "DEDUCTION", "amount", new BigDecimal("0.5"), "reason", "会议记录不全", "onBehalfOf", "inspector.1"),
                        headers), JsonNode.class), HttpStatus.FORBIDDEN);
        assertThat(audited()).isEqualTo(audited + 1);
        assertThat(decisionCount(cycle)).isZero();

        // No one decides in another's name: the API has no such field, and a caller decides in their own.
        refused(decide(cycle, "inspector.1", "unitCode", "bz-sjw", "itemCode", "eff.1", "kind", "DEDUCTION",
                "amount", new BigDecimal("0.1"), "reason", "台账不全", "onBehalfOf", "leader"), HttpStatus.BAD_REQUEST);
        assertThat(decisionCount(cycle)).isZero();
        JsonNode own = created(decide(cycle, "inspector.1", "unitCode", "bz-sjw", "itemCode", "eff.1", "kind",
                "DEDUCTION", "amount", new BigDecimal("0.1"), "reason", "台账不全"));
        assertThat(own.at("/decision/decidedBy").asText()).isEqualTo("inspector.1");
        assertThat(own.at("/decision/actingAs").asText()).isEqualTo("inspector");
    }

    private static RecordDecision command(String cycle, String decisionId, String item, BigDecimal amount, String reason) {
        return new RecordDecision(decisionId, cycle, "bz-sjw", item, RecordDecision.DEDUCTION, amount, reason,
                "实地检查（阶段性考核，inspector.1）", java.time.LocalDate.of(2015, 7, 15), List.of("会议记录本"),
                "inspector.1", "workflow");
    }

    /** The reason the dead-letter topic gives for the command with that decision id (waits for it). */
    private static String deadLetterReason(String decisionId) {
        java.util.Properties props = new java.util.Properties();
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                io.kaohe.testsupport.TestServers.kafkaBootstrapServers());
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "scoring-it-dlt-" + java.util.UUID.randomUUID());
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of(io.kaohe.contracts.events.Topics.deadLetter(RecordDecision.TYPE.topic())));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().contains(decisionId)) {
                        var header = record.headers().lastHeader(
                                org.springframework.kafka.support.KafkaHeaders.DLT_EXCEPTION_MESSAGE);
                        return header == null ? "" : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
                    }
                }
            }
        }
        throw new AssertionError("RecordDecision " + decisionId + " is not on the dead-letter topic");
    }

    private long processed(String eventId) {
        return db.sql("select count(*) from processed_event where event_id = ?").param(eventId).query(Long.class).single();
    }

    @Test
    void approvedScoresAreFrozenUntilTheOfficeReopensTheApproval() {
        String cycle = newCycleId("freeze");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "eff.1", "kind", "DEDUCTION",
                "count", 2, "reason", "未按时完成2次"));
        JsonNode proposal = created(call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/grades/proposals",
                "office", null));
        GradesApproved approved = new GradesApproved(cycle, proposal.get("proposalId").asText(),
                List.of("bz-sjw", "bz-zjfy", "bz-x1"), List.of(), "leader", Instant.now());
        EventEnvelope<GradesApproved> envelope = send("/workflow", GradesApproved.TYPE, "cycles/" + cycle + "/grades",
                cycle, null, approved);
        await().atMost(Duration.ofSeconds(60)).until(() -> db.sql(
                "select count(*) from cycle_unit where cycle_id = ? and frozen").param(cycle).query(Integer.class)
                .single() == 3);
        assertThat(db.sql("select final_score from item_score where cycle_id = ? and unit_code = 'bz-sjw' "
                + "and item_code = 'eff.1'").param(cycle).query(BigDecimal.class).single()).isEqualByComparingTo("4.98");

        JsonNode frozen = refused(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "eff.1",
                "kind", "DEDUCTION", "count", 1, "reason", "又发现1次"), HttpStatus.CONFLICT);
        assertThat(frozen.get("code").asText()).isEqualTo("scoring.decision.frozen");

        // A redelivered approval changes nothing.
        send(envelope, GradesApproved.TYPE);

        refused(call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/approval/reopen", "office",
                Map.of("reason", " ")), HttpStatus.BAD_REQUEST);
        JsonNode reopened = call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/approval/reopen", "office",
                Map.of("reason", "领导退回：市纪委第6项需复核", "unitCodes", List.of("bz-sjw"))).getBody();
        assertThat(reopened.get("unitCodes")).extracting(JsonNode::asText).containsExactly("bz-sjw");
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "eff.1", "kind", "DEDUCTION",
                "count", 1, "reason", "又发现1次"));
        assertThat(reviewed(cycle, "bz-sjw", "eff.1")).isEqualByComparingTo("4.97");
        // Final scores stay as approved until approved again.
        assertThat(db.sql("select final_score from item_score where cycle_id = ? and unit_code = 'bz-sjw' "
                + "and item_code = 'eff.1'").param(cycle).query(BigDecimal.class).single()).isEqualByComparingTo("4.98");
        refused(decide(cycle, "reviewer.swzzb", "unitCode", "bz-zjfy", "itemCode", "eff.1", "kind", "DEDUCTION",
                "count", 1, "reason", "未按时完成"), HttpStatus.CONFLICT);

        JsonNode grades = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/grades", "office", null).getBody();
        assertThat(grades.get("approvals")).extracting(a -> a.get("action").asText())
                .containsExactly("APPROVED", "REOPENED");
        assertThat(grades.at("/approvals/1/actor").asText()).isEqualTo("office");
        assertThat(grades.at("/approvals/1/reason").asText()).isEqualTo("领导退回：市纪委第6项需复核");
    }

    @Test
    void selfAssessmentsGiveTheSelfLayerAndDuplicatesOrStaleVersionsChangeNothing() {
        String cycle = newCycleId("self");
        EventEnvelope<CycleOpened> opened = openCycle(cycle, Fixtures.TARGETS, UNITS);
        SelfAssessmentSubmitted v2 = submission(cycle, 2, "4.99", 1);
        EventEnvelope<SelfAssessmentSubmitted> delivered = send("/evidence-service", SelfAssessmentSubmitted.TYPE,
                "submissions/s1", cycle, "bz-sjw", v2);
        await().atMost(Duration.ofSeconds(60)).until(() -> selfScore(cycle, "eff.1") != null);
        assertThat(selfScore(cycle, "eff.1")).isEqualByComparingTo("4.99");
        // measured values only: the rule gives the self-score ("零上访…否则不计分": 1 incident → 0)
        assertThat(selfScore(cycle, "eff.2")).isEqualByComparingTo("0.00");

        send(delivered, SelfAssessmentSubmitted.TYPE);
        send("/evidence-service", SelfAssessmentSubmitted.TYPE, "submissions/s1", cycle, "bz-sjw",
                submission(cycle, 1, "3.00", 0));
        send(opened, CycleOpened.TYPE);
        // A later, newer version is applied: it is also the marker that the two before were consumed.
        send("/evidence-service", SelfAssessmentSubmitted.TYPE, "submissions/s1", cycle, "bz-sjw",
                submission(cycle, 3, "4.98", 1));
        await().atMost(Duration.ofSeconds(60)).until(() -> selfScore(cycle, "eff.1").compareTo(new BigDecimal("4.98")) == 0);
        assertThat(db.sql("select version from self_assessment where cycle_id = ?").param(cycle).query(Integer.class)
                .single()).isEqualTo(3);
        assertThat(db.sql("select count(*) from cycle where cycle_id = ?").param(cycle).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(db.sql("select count(*) from processed_event where event_id = ?").param(delivered.id())
                .query(Integer.class).single()).isEqualTo(1);

        // The sheet shows the gap between the unit's self-score and the reviewed score.
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "eff.1", "kind", "DEDUCTION",
                "count", 5, "reason", "未按时完成5次"));
        JsonNode sheet = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/units/bz-sjw/sheet", "reporter.sjw",
                null).getBody();
        JsonNode item = sheet.at("/sections/1/items/0");
        assertThat(item.get("itemCode").asText()).isEqualTo("eff.1");
        assertThat(item.get("selfScore").decimalValue()).isEqualByComparingTo("4.98");
        assertThat(item.get("reviewedScore").decimalValue()).isEqualByComparingTo("4.95");
        assertThat(item.get("gap").decimalValue()).isEqualByComparingTo("0.03");
    }

    private SelfAssessmentSubmitted submission(String cycle, int version, String selfScore, int incidents) {
        return new SelfAssessmentSubmitted("s1", version, cycle, "bz-sjw", "YEAR", Fixtures.TARGETS, "reporter.sjw",
                "head.sjw", Instant.now(), false, List.of(
                        new SelfAssessmentSubmitted.Item("eff.1", new BigDecimal(selfScore), Map.of(), "按时完成", List.of()),
                        new SelfAssessmentSubmitted.Item("eff.2", null, Map.of("incidents", incidents), "信访", List.of())));
    }

    private BigDecimal selfScore(String cycle, String item) {
        return db.sql("select self_score from item_score where cycle_id = ? and unit_code = 'bz-sjw' and item_code = ?")
                .params(cycle, item).query(BigDecimal.class).optional().orElse(null);
    }

    private long audited() {
        return refusals();
    }

    private static JsonNode created(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }

    /** The probes of issue 15 §6: each answered with a located 400 (or 413), never a 500, and nothing recorded. */
    @Test
    void probedInputIsRefusedAtItsFieldAndNeverRecorded() {
        String cycle = newCycleId("probe");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        long before = db.sql("select count(*) from decision where cycle_id = ?").params(cycle).query(Long.class).single();

        JsonNode longReason = refused(decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1",
                "kind", "JUDGED", "score", 4, "reason", "理".repeat(350_000)), HttpStatus.BAD_REQUEST);
        assertThat(longReason.get("errors")).extracting(e -> e.get("location").asText()).containsExactly("reason");
        assertThat(longReason.toString().length()).isLessThan(5_000);

        JsonNode sqlCode = refused(decide(cycle, "reviewer.fpymj", "unitCode", "a'; select pg_sleep(5);--",
                "itemCode", "duty.1", "kind", "JUDGED", "score", 4, "reason", "很好"), HttpStatus.BAD_REQUEST);
        assertThat(sqlCode.get("errors")).extracting(e -> e.get("location").asText()).containsExactly("unitCode");

        String infinite = "{\"unitCode\":\"bz-sjw\",\"itemCode\":\"duty.1\",\"kind\":\"JUDGED\","
                + "\"score\":1e309,\"reason\":\"很好\"}";
        JsonNode huge = refused(call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/decisions", "reviewer.fpymj",
                infinite), HttpStatus.BAD_REQUEST);
        assertThat(huge.get("errors")).extracting(e -> e.get("location").asText()).containsExactly("score");

        JsonNode negative = refused(decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1",
                "kind", "JUDGED", "score", -1, "reason", "很好"), HttpStatus.BAD_REQUEST);
        assertThat(negative.get("errors")).extracting(e -> e.get("location").asText()).containsExactly("score");

        JsonNode unknown = refused(decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1",
                "kind", "JUDGED", "score", 4, "reason", "很好", "colour", "red"), HttpStatus.BAD_REQUEST);
        assertThat(unknown.get("errors")).extracting(e -> e.get("location").asText()).containsExactly("colour");

        ResponseEntity<JsonNode> tooLarge = decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1",
                "kind", "JUDGED", "score", 4, "reason", "很好", "source", "x".repeat(3 << 20));
        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(tooLarge.getBody().get("code").asText()).isEqualTo("platform.body-too-large");

        assertThat(db.sql("select count(*) from decision where cycle_id = ?").params(cycle).query(Long.class).single())
                .isEqualTo(before);
    }

    private static JsonNode refused(ResponseEntity<JsonNode> response, HttpStatus status) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(status);
        return response.getBody();
    }
}
