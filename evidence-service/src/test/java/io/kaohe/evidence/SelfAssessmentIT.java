package io.kaohe.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.testsupport.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class SelfAssessmentIT extends EvidenceIT {

    @Test
    void theUnitPreparesTheHeadSignsOffAndTheSubmissionCarriesScoresAndMeasures() {
        String cycle = openCycle();
        ResponseEntity<JsonNode> opened = open("reporter.sjw", "bz-sjw", cycle, "Q1");
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode assessment = opened.getBody();
        String id = assessment.get("id").asText();
        assertThat(assessment.get("status").asText()).isEqualTo("DRAFT");
        assertThat(assessment.get("lines")).hasSize(5);
        assertThat(assessment.at("/lines/0/measures/0/name").asText()).isEqualTo("incidents");
        assertThat(assessment.at("/lines/0/measures/0/kind").asText()).isEqualTo("COUNT");
        // Opening again answers the same one; the rubric's items were fetched once.
        assertThat(open("head.sjw", "bz-sjw", cycle, "Q1").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(TestRubric.CALLS.get(TestRubric.VERSION + "/bz-sjw").get()).isEqualTo(1);

        // A partial draft is fine; preparing it is not.
        JsonNode saved = saveDraft("reporter.sjw", id, 1, List.of(
                line("T.sjw.1", "4.90", Map.of("incidents", 1), "开展“一案双查”1起。"))).getBody();
        assertThat(saved.get("draftVersion").asInt()).isEqualTo(2);
        ResponseEntity<JsonNode> incomplete = step("reporter.sjw", id, "prepare", 2);
        assertThat(incomplete.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(incomplete.getBody().get("code").asText()).isEqualTo("evidence.assessment.incomplete");
        assertThat(locations(incomplete)).contains("lines[T.sjw.2].selfScore", "lines[T.sjw.2].measured.actual",
                "lines[T.sjw.4].measured.reason").doesNotContain("lines[T.sjw.1].selfScore");

        completeDraft(id, 2);
        assertThat(step("reporter.sjw", id, "prepare", 3).getBody().get("status").asText()).isEqualTo("AWAITING_SIGN_OFF");

        long auditedBefore = audited();
        ResponseEntity<JsonNode> byReporter = step("reporter.sjw", id, "sign-off", 3);
        assertThat(byReporter.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byReporter.getBody().get("code").asText()).isEqualTo("evidence.sign-off.not-unit-head");
        assertThat(byReporter.getBody().get("detail").asText()).contains("bz-sjw").contains("主要领导");
        assertThat(audited()).isEqualTo(auditedBefore + 1);
        assertThat(step("office", id, "sign-off", 3).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(count("submission_version where assessment_id = '" + id + "'")).isZero();

        try (Events events = new Events()) {
            ResponseEntity<JsonNode> signed = step("head.sjw", id, "sign-off", 3);
            assertThat(signed.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(signed.getBody().get("status").asText()).isEqualTo("SUBMITTED");
            assertThat(signed.getBody().get("submittedVersion").asInt()).isEqualTo(1);
            assertThat(signed.getBody().at("/versions/0/late").asBoolean()).isFalse();

            JsonNode event = events.await("SelfAssessmentSubmitted", e -> e.at("/data/submissionId").asText().equals(id));
            assertThat(event.get("unitid").asText()).isEqualTo("bz-sjw");
            assertThat(event.get("cycleid").asText()).isEqualTo(cycle);
            assertThat(event.at("/data/version").asInt()).isEqualTo(1);
            assertThat(event.at("/data/preparedBy").asText()).isEqualTo("reporter.sjw");
            assertThat(event.at("/data/signedOffBy").asText()).isEqualTo("head.sjw");
            assertThat(event.at("/data/late").asBoolean()).isFalse();
            assertThat(event.at("/data/rubricVersionId").asText()).isEqualTo(TestRubric.VERSION);
            JsonNode first = event.at("/data/items/0");
            assertThat(first.get("itemCode").asText()).isEqualTo("T.sjw.1");
            assertThat(first.get("selfScore").decimalValue()).isEqualByComparingTo("4.90");
            assertThat(first.at("/measured/incidents").asInt()).isEqualTo(1);
            assertThat(event.at("/data/items/2/measured/bonuses/0/item").asText()).isEqualTo("被《督查通报》表扬");
            assertThat(event.at("/data/items/2/measured/bonuses/0/amount").decimalValue()).isEqualByComparingTo("1.5");
        }
        // Signed off, the draft is closed until a reviewer returns an item.
        ResponseEntity<JsonNode> afterwards = saveDraft("reporter.sjw", id, 3, List.of(line("T.sjw.1", "5", Map.of(), null)));
        assertThat(afterwards.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aSignOffAfterTheDueDateIsAcceptedButMarkedLate() {
        String cycle = openCycle();
        String id = open("reporter.sjw", "bz-sjw", cycle, "Q2").getBody().get("id").asText();
        completeDraft(id, 1);
        step("reporter.sjw", id, "prepare", 2);
        try (Events events = new Events()) {
            JsonNode signed = step("head.sjw", id, "sign-off", 2).getBody();
            assertThat(signed.get("status").asText()).isEqualTo("SUBMITTED");
            assertThat(signed.at("/versions/0/late").asBoolean()).isTrue();
            JsonNode event = events.await("SelfAssessmentSubmitted", e -> e.at("/data/submissionId").asText().equals(id));
            assertThat(event.at("/data/late").asBoolean()).isTrue();
        }
    }

    @Test
    void aCycleOnACompressedClockOpensAndDatesItsPeriodsByItsOwnCalendarDay() {
        // Next year's cycle, run compressed (a calendar day per ten real seconds) from a minute ago: on its
        // clock it is 7 January, so Q1 is open (and stays so for a quarter of an hour) and on time, although
        // by the real date it has not begun; Q2 opens on the cycle's 1 April, not yet.
        int year = java.time.LocalDate.now().getYear() + 1;
        java.time.Instant yearStart = java.time.LocalDate.of(year, 1, 1)
                .atStartOfDay(io.kaohe.contracts.events.CycleOpened.Clock.ZONE).toInstant();
        String cycle = openCycle(year, List.of(
                new io.kaohe.contracts.events.CycleOpened.Period("Q1", java.time.LocalDate.of(year, 1, 1),
                        java.time.LocalDate.of(year, 3, 31)),
                new io.kaohe.contracts.events.CycleOpened.Period("Q2", java.time.LocalDate.of(year, 4, 1),
                        java.time.LocalDate.of(year, 6, 30))),
                new io.kaohe.contracts.events.CycleOpened.Clock(yearStart, java.time.Instant.now().minusSeconds(60), 10));

        // Evidence dated by the cycle's calendar: its 5 January has been (the real one is still ahead), its 1 March not.
        Map<String, Object> file = new java.util.LinkedHashMap<>(Map.of("cycleId", cycle, "period", "Q1",
                "name", "台账.txt", "item", "T.sjw.1", "evidenceDate", year + "-01-05"));
        assertThat(rawUpload("reporter.sjw", "/api/evidence/units/bz-sjw/files", file, Samples.text("一月台账"))
                .statusCode()).isEqualTo(201);
        file.put("evidenceDate", year + "-03-01");
        java.net.http.HttpResponse<String> future = rawUpload("reporter.sjw", "/api/evidence/units/bz-sjw/files", file,
                Samples.text("三月台账"));
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.body()).contains("evidenceDate");

        ResponseEntity<JsonNode> notYet = open("reporter.sjw", "bz-sjw", cycle, "Q2");
        assertThat(notYet.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(notYet.getBody().get("code").asText()).isEqualTo("evidence.period.not-open");

        ResponseEntity<JsonNode> opened = open("reporter.sjw", "bz-sjw", cycle, "Q1");
        assertThat(opened.getStatusCode()).as(String.valueOf(opened.getBody())).isEqualTo(HttpStatus.CREATED);
        String id = opened.getBody().get("id").asText();
        completeDraft(id, 1);
        step("reporter.sjw", id, "prepare", 2);
        JsonNode signed = step("head.sjw", id, "sign-off", 2).getBody();
        assertThat(signed.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(signed.at("/versions/0/late").asBoolean()).isFalse();
    }

    @Test
    void ofTwoPeopleEditingOneDraftTheLaterSaveIsRefusedNotLost() {
        String cycle = openCycle();
        String id = open("reporter.sjw", "bz-sjw", cycle, "Q1").getBody().get("id").asText();
        // Both loaded draft version 1.
        ResponseEntity<JsonNode> first = saveDraft("reporter.sjw", id, 1,
                List.of(line("T.sjw.1", "4.50", Map.of("incidents", 5), "报告人甲")));
        ResponseEntity<JsonNode> second = saveDraft("head.sjw", id, 1,
                List.of(line("T.sjw.1", "3.00", Map.of("incidents", 20), "报告人乙")));
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(second.getBody().get("code").asText()).isEqualTo("evidence.assessment.edited");
        assertThat(second.getBody().get("detail").asText()).contains("reporter.sjw");
        JsonNode now = get("/api/evidence/self-assessments/" + id, "head.sjw").getBody();
        assertThat(now.get("draftVersion").asInt()).isEqualTo(2);
        assertThat(now.at("/lines/0/selfScore").decimalValue()).isEqualByComparingTo("4.50");
        assertThat(now.at("/lines/0/statement").asText()).isEqualTo("报告人甲");
    }

    @Test
    void aScoreOutsideThePointsAndMeasuresOfTheWrongKindAreRefusedNamingItemAndField() {
        String cycle = openCycle();
        String id = open("reporter.sjw", "bz-sjw", cycle, "Q1").getBody().get("id").asText();
        ResponseEntity<JsonNode> refused = saveDraft("reporter.sjw", id, 1, List.of(
                line("T.sjw.1", "5.01", Map.of("incidents", 1.5), null),
                line("T.sjw.2", "-1", Map.of("actual", "three", "required", 4), null),
                line("T.sjw.3", "8.123", Map.of("bonuses", List.of(Map.of("item", "x", "amount", -1))), null),
                line("T.sjw.5", "4", Map.of("rate", 101, "speed", 3), null),
                line("T.nope", "1", Map.of(), null)));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(locations(refused)).containsExactlyInAnyOrder(
                "lines[T.sjw.1].selfScore", "lines[T.sjw.1].measured.incidents",
                "lines[T.sjw.2].selfScore", "lines[T.sjw.2].measured.actual",
                "lines[T.sjw.3].selfScore", "lines[T.sjw.3].measured.bonuses",
                "lines[T.sjw.5].measured.rate", "lines[T.sjw.5].measured.speed",
                "lines[T.nope].itemCode");
        assertThat(message(refused, "lines[T.sjw.1].selfScore")).contains("5.00");
        assertThat(message(refused, "lines[T.sjw.1].measured.incidents")).contains("整数");
        // Nothing of it was kept.
        JsonNode now = get("/api/evidence/self-assessments/" + id, "reporter.sjw").getBody();
        assertThat(now.get("draftVersion").asInt()).isEqualTo(1);
        assertThat(now.at("/lines/0/selfScore").isNull()).isTrue();
    }

    @Test
    void aUnitsPeopleReachOnlyTheirOwnUnitAndEveryAttemptIsAudited() {
        String cycle = openCycle();
        String id = open("reporter.sjw", "bz-sjw", cycle, "Q1").getBody().get("id").asText();
        long before = audited();
        ResponseEntity<JsonNode> read = get("/api/evidence/self-assessments/" + id, "reporter.zjfy");
        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(read.getBody().get("code").asText()).isEqualTo("evidence.assessment.not-found");
        assertThat(saveDraft("head.zjfy", id, 1, List.of(line("T.sjw.1", "1", Map.of(), null))).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(open("reporter.zjfy", "bz-sjw", cycle, "Q1").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(step("head.zjfy", id, "sign-off", 1).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(audited()).isEqualTo(before + 4);
        assertThat(refusalsOf("reporter.zjfy", 404, path -> path.contains(String.valueOf(id)))).isEqualTo(1);
        // Their list holds only their own unit's.
        JsonNode list = get("/api/evidence/self-assessments?cycleId=" + cycle, "reporter.zjfy").getBody();
        assertThat(list).isEmpty();
        // A reviewer does not see drafts; nobody but the unit edits.
        assertThat(get("/api/evidence/self-assessments/" + id, "reviewer.swzzb").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(saveDraft("office", id, 1, List.of()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void reviewersReviewOnlyTheirItemsAndAReturnedItemIsCorrectedAsANewVersionWithHistoryKept() {
        String cycle = openCycle();
        String id = open("reporter.sjw", "bz-sjw", cycle, "Q1").getBody().get("id").asText();
        completeDraft(id, 1);
        step("reporter.sjw", id, "prepare", 2);
        step("head.sjw", id, "sign-off", 2);

        // 组织部 sees the items it assesses (1 and 3), nothing else.
        JsonNode asSwzzb = get("/api/evidence/self-assessments/" + id, "reviewer.swzzb").getBody();
        assertThat(codes(asSwzzb.get("lines"))).containsExactly("T.sjw.1", "T.sjw.3");
        JsonNode v1AsSwzzb = get("/api/evidence/self-assessments/" + id + "/versions/1", "reviewer.swzzb").getBody();
        assertThat(codes(v1AsSwzzb.get("items"))).containsExactly("T.sjw.1", "T.sjw.3");
        assertThat(get("/api/evidence/self-assessments?cycleId=" + cycle, "reviewer.swzzb").getBody()).hasSize(1);

        try (Events events = new Events()) {
            // …and may not decide another department's item.
            long before = audited();
            ResponseEntity<JsonNode> notTheirs = review("reviewer.swzzb", id, 1,
                    List.of(decision("T.sjw.1", "ACCEPTED", null), decision("T.sjw.2", "ACCEPTED", null)));
            assertThat(notTheirs.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(locations(notTheirs)).containsExactly("decisions[T.sjw.2]");
            assertThat(audited()).isEqualTo(before + 1);

            ResponseEntity<JsonNode> noComment = review("reviewer.fpymj", id, 1, List.of(decision("T.sjw.2", "RETURNED", " ")));
            assertThat(noComment.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(locations(noComment)).containsExactly("decisions[T.sjw.2].comment");

            assertThat(review("reviewer.swzzb", id, 1, List.of(decision("T.sjw.1", "ACCEPTED", "材料齐全")))
                    .getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(review("reviewer.fpymj", id, 1, List.of(decision("T.sjw.2", "RETURNED", "请补充中心组学习记录")))
                    .getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(review("inspector.1", id, 1, List.of(decision("T.sjw.4", "ACCEPTED", null)))
                    .getStatusCode()).isEqualTo(HttpStatus.OK);
            // Decided once per version.
            assertThat(review("inspector.1", id, 1, List.of(decision("T.sjw.1", "RETURNED", "再看看")))
                    .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            // A unit's people do not review.
            assertThat(review("head.sjw", id, 1, List.of(decision("T.sjw.3", "ACCEPTED", null)))
                    .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

            JsonNode returned = events.await("SubmissionReturned", e -> e.at("/data/submissionId").asText().equals(id));
            assertThat(returned.at("/data/items/0/itemCode").asText()).isEqualTo("T.sjw.2");
            assertThat(returned.at("/data/items/0/comment").asText()).isEqualTo("请补充中心组学习记录");
            assertThat(returned.at("/data/reviewerDepartment").asText()).isEqualTo("sfpymj");
            JsonNode accepted = events.await("SubmissionAccepted", e -> e.at("/data/submissionId").asText().equals(id)
                    && e.at("/data/reviewerRole").asText().equals("inspector"));
            assertThat(accepted.at("/data/items/0/itemCode").asText()).isEqualTo("T.sjw.4");
        }

        JsonNode unitView = get("/api/evidence/self-assessments/" + id, "reporter.sjw").getBody();
        assertThat(unitView.get("status").asText()).isEqualTo("RETURNED");
        assertThat(unitView.at("/lines/1/reviewStatus").asText()).isEqualTo("RETURNED");
        assertThat(unitView.at("/lines/1/lastReview/comment").asText()).isEqualTo("请补充中心组学习记录");
        assertThat(unitView.at("/lines/1/editable").asBoolean()).isTrue();
        assertThat(unitView.at("/lines/0/editable").asBoolean()).isFalse();
        int draft = unitView.get("draftVersion").asInt();

        // Only the returned item may change.
        ResponseEntity<JsonNode> locked = saveDraft("reporter.sjw", id, draft,
                List.of(line("T.sjw.1", "5.00", Map.of("incidents", 0), null)));
        assertThat(locked.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(locations(locked)).containsExactly("lines[T.sjw.1]");
        saveDraft("reporter.sjw", id, draft, List.of(line("T.sjw.2", "1.50",
                Map.of("actual", 3, "required", 4), "补充了3次中心组学习记录")));
        step("reporter.sjw", id, "prepare", draft + 1);
        try (Events events = new Events()) {
            JsonNode signed = step("head.sjw", id, "sign-off", draft + 1).getBody();
            assertThat(signed.get("submittedVersion").asInt()).isEqualTo(2);
            JsonNode event = events.await("SelfAssessmentSubmitted",
                    e -> e.at("/data/submissionId").asText().equals(id) && e.at("/data/version").asInt() == 2);
            assertThat(event.at("/data/items/1/selfScore").decimalValue()).isEqualByComparingTo("1.50");
        }

        // The reviewer sees what changed since version 1; version 1 stays as it was.
        JsonNode v2 = get("/api/evidence/self-assessments/" + id + "/versions/2", "reviewer.fpymj").getBody();
        assertThat(v2.get("comparedWith").asInt()).isEqualTo(1);
        assertThat(v2.get("changedItems")).extracting(JsonNode::asText).containsExactly("T.sjw.2");
        JsonNode item2 = find(v2.get("items"), "T.sjw.2");
        assertThat(item2.get("changes")).extracting(c -> c.get("field").asText())
                .containsExactly("selfScore", "measured.actual", "statement");
        assertThat(item2.at("/changes/0/before").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(item2.at("/changes/0/after").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(item2.at("/review").isNull()).isTrue();
        assertThat(find(v2.get("items"), "T.sjw.4").at("/review/decision").asText()).isEqualTo("ACCEPTED");
        JsonNode v1 = get("/api/evidence/self-assessments/" + id + "/versions/1", "reviewer.fpymj").getBody();
        assertThat(find(v1.get("items"), "T.sjw.2").get("selfScore").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(find(v1.get("items"), "T.sjw.2").at("/review/decision").asText()).isEqualTo("RETURNED");
        // Reviews are of the latest version only.
        assertThat(review("reviewer.fpymj", id, 1, List.of(decision("T.sjw.2", "ACCEPTED", null))).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(review("reviewer.fpymj", id, 2, List.of(decision("T.sjw.2", "ACCEPTED", null))).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aRequestOfTheWrongShapeIsRefusedWithEachFieldLocatedBeforeAnythingIsRead() {
        String cycle = openCycle();
        ResponseEntity<JsonNode> noPeriod = call(HttpMethod.POST, "/api/evidence/units/bz-sjw/self-assessments",
                "reporter.sjw", Map.of("cycleId", " "));
        assertThat(noPeriod.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noPeriod.getBody().get("code").asText()).isEqualTo("platform.invalid-input");
        assertThat(locations(noPeriod)).containsExactlyInAnyOrder("cycleId", "period");
        assertThat(message(noPeriod, "period")).isEqualTo("必填。");

        String id = open("reporter.sjw", "bz-sjw", cycle, "Q1").getBody().get("id").asText();
        ResponseEntity<JsonNode> noVersion = call(HttpMethod.PUT, "/api/evidence/self-assessments/" + id + "/draft",
                "reporter.sjw", Map.of("lines", List.of()));
        assertThat(noVersion.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(locations(noVersion)).containsExactly("draftVersion");
        ResponseEntity<JsonNode> nothing = review("reviewer.fpymj", id, 1, List.of());
        assertThat(nothing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(locations(nothing)).containsExactly("decisions");
        assertThat(message(nothing, "decisions")).isEqualTo("没有给出审核意见。");
    }

    /** The probes of issue 15 §6: a located 400 (or 413), never a 500, and the draft unchanged. */
    @Test
    void probedInputIsRefusedAtItsFieldAndTheDraftIsUnchanged() {
        String cycle = openCycle();
        String id = open("reporter.sjw", "bz-sjw", cycle, "Q1").getBody().get("id").asText();

        ResponseEntity<JsonNode> probes = saveDraft("reporter.sjw", id, 1, List.of(
                line("a'; select pg_sleep(5);--", "1", Map.of(), null),
                line("T.sjw.1", "4", Map.of(), "述".repeat(350_000))));
        assertThat(probes.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(locations(probes)).containsExactlyInAnyOrder("lines[0].itemCode", "lines[1].statement");
        assertThat(probes.getBody().toString().length()).isLessThan(5_000);

        String infinite = "{\"draftVersion\":1,\"lines\":[{\"itemCode\":\"T.sjw.1\",\"selfScore\":1e309}]}";
        ResponseEntity<JsonNode> huge = call(HttpMethod.PUT, "/api/evidence/self-assessments/" + id + "/draft",
                "reporter.sjw", infinite);
        assertThat(huge.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(locations(huge)).containsExactly("lines[T.sjw.1].selfScore");

        ResponseEntity<JsonNode> negative = saveDraft("reporter.sjw", id, 1, List.of(line("T.sjw.1", "-1", Map.of(), null)));
        assertThat(negative.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(locations(negative)).containsExactly("lines[T.sjw.1].selfScore");

        ResponseEntity<JsonNode> unknown = call(HttpMethod.PUT, "/api/evidence/self-assessments/" + id + "/draft",
                "reporter.sjw", Map.of("draftVersion", 1, "colour", "red"));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(locations(unknown)).containsExactly("colour");

        ResponseEntity<JsonNode> tooLarge = saveDraft("reporter.sjw", id, 1,
                List.of(line("T.sjw.1", "4", Map.of(), "x".repeat(3 << 20))));
        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(tooLarge.getBody().get("code").asText()).isEqualTo("platform.body-too-large");

        ResponseEntity<JsonNode> still = call(HttpMethod.GET, "/api/evidence/self-assessments/" + id, "reporter.sjw", null);
        assertThat(still.getBody().get("draftVersion").asInt()).isEqualTo(1);

        // A rule's measures are named in words (seed 001: 被通报人次（领导干部，加倍）): a length limit, not the code pattern.
        ResponseEntity<JsonNode> named = saveDraft("reporter.sjw", id, 1,
                List.of(line("T.sjw.1", "4", Map.of("被通报人次（领导干部，加倍）", 1), null)));
        assertThat(named.getBody().toString()).doesNotContain("正则").doesNotContain("regular expression");
    }

    @Test
    void aMoveTheStateDoesNotAllowIsRefusedNamingTheStateItIsInAndTheOneAskedFor() {
        String cycle = openCycle();
        String id = open("reporter.sjw", "bz-sjw", cycle, "Q1").getBody().get("id").asText();
        completeDraft(id, 1);
        ResponseEntity<JsonNode> unprepared = step("head.sjw", id, "sign-off", 2);
        assertThat(unprepared.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(unprepared.getBody().get("code").asText()).isEqualTo("evidence.sign-off.not-prepared");
        assertThat(unprepared.getBody().get("detail").asText()).contains("“草稿”", "“已报送”");

        step("reporter.sjw", id, "prepare", 2);
        // Changed after preparing: back to a draft, to be prepared again.
        JsonNode changed = saveDraft("reporter.sjw", id, 2, List.of(line("T.sjw.1", "4.80", Map.of("incidents", 2), null)))
                .getBody();
        assertThat(changed.get("status").asText()).isEqualTo("DRAFT");
        step("reporter.sjw", id, "prepare", 3);
        assertThat(step("head.sjw", id, "sign-off", 3).getBody().get("status").asText()).isEqualTo("SUBMITTED");

        ResponseEntity<JsonNode> again = step("head.sjw", id, "sign-off", 3);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("code").asText()).isEqualTo("evidence.sign-off.not-prepared");
        ResponseEntity<JsonNode> prepare = step("reporter.sjw", id, "prepare", 3);
        assertThat(prepare.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(prepare.getBody().get("code").asText()).isEqualTo("evidence.assessment.submitted");
        assertThat(prepare.getBody().get("detail").asText()).contains("“已报送”", "“待签发”");
        assertThat(prepare.getBody().get("title").asText()).isEqualTo("已签发");
        assertThat(count("submission_version where assessment_id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void theUnitsThatHaveNotSubmittedExportWithStateDueDateAndDaysLateForTheOfficeAndInspectorsOnly() throws Exception {
        String cycle = openCycle();
        // bz-sjw: Q1 signed off (not listed), Q2 prepared and waiting for its head; bz-zjfy has opened nothing.
        String q1 = open("reporter.sjw", "bz-sjw", cycle, "Q1").getBody().get("id").asText();
        completeDraft(q1, 1);
        step("reporter.sjw", q1, "prepare", 2);
        assertThat(step("head.sjw", q1, "sign-off", 2).getBody().get("status").asText()).isEqualTo("SUBMITTED");
        String q2 = open("reporter.sjw", "bz-sjw", cycle, "Q2").getBody().get("id").asText();
        completeDraft(q2, 1);
        step("reporter.sjw", q2, "prepare", 2);

        String path = "/api/evidence/cycles/" + cycle + "/non-submitters.xlsx";
        ResponseEntity<byte[]> office = bytes(path, "office");
        assertThat(office.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(office.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("测试考核周期 " + cycle + "未报送单位.xlsx");
        // The periods were dated by the test's clock; days late count on the cycle's day (Asia/Shanghai).
        java.time.LocalDate today = java.time.LocalDate.now();
        String late = String.valueOf(java.time.temporal.ChronoUnit.DAYS.between(today.minusDays(1),
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))));
        List<List<String>> rows = sheet(office.getBody());
        assertThat(rows.get(0)).containsExactly("序号", "被考核单位", "单位类别", "期间", "状态", "到期日", "逾期天数",
                "填报人", "最后更新");
        // Q2 was due yesterday: both units are a day late; Q1 is not due yet, so no days late.
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1).subList(0, 8)).containsExactly("1", "市纪委（监察局）", "party-dept", "第二季度", "待签发",
                today.minusDays(1).toString(), late, "reporter.sjw");
        assertThat(rows.get(1).get(8)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        assertThat(rows.get(2).subList(0, 9)).containsExactly("2", "市中级法院", "party-dept", "第二季度", "未开始",
                today.minusDays(1).toString(), late, "", "");
        assertThat(rows.get(3).subList(1, 7)).containsExactly("市中级法院", "party-dept", "第一季度", "未开始",
                today.plusDays(30).toString(), "");

        List<List<String>> q1Only = sheet(bytes(path + "?period=Q1", "office").getBody());
        assertThat(q1Only).hasSize(2);
        assertThat(q1Only.get(1).get(1)).isEqualTo("市中级法院");
        assertThat(sheet(bytes(path, "inspector.1").getBody())).hasSize(4);

        // A unit's reporter and a department's reviewer are refused in a problem detail, and it is recorded.
        for (String user : List.of("reporter.sjw", "reviewer.swzzb")) {
            ResponseEntity<JsonNode> refused = get(path, user);
            assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getBody().get("code").asText()).isEqualTo("evidence.non-submitters.role");
            Await.until(() -> refusalsOf(user, 403, p -> p.equals(path)) == 1, user + "'s refusal recorded");
        }
    }

    private ResponseEntity<byte[]> bytes(String path, String user) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setBearerAuth(io.kaohe.testsupport.Tokens.forUser(user));
        return http.exchange(path, HttpMethod.GET, new org.springframework.http.HttpEntity<>(headers), byte[].class);
    }

    /** The first sheet's rows as texts (whole numbers without a decimal point), blank cells as "". */
    private static List<List<String>> sheet(byte[] xlsx) throws Exception {
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book =
                     new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            List<List<String>> rows = new java.util.ArrayList<>();
            for (org.apache.poi.ss.usermodel.Row row : book.getSheetAt(0)) {
                List<String> cells = new java.util.ArrayList<>();
                for (int c = 0; c < 9; c++) {
                    org.apache.poi.ss.usermodel.Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                            ? new java.math.BigDecimal(String.valueOf(cell.getNumericCellValue())).stripTrailingZeros()
                            .toPlainString() : cell.getStringCellValue());
                }
                rows.add(cells);
            }
            return rows;
        }
    }

    // ------------------------------------------------------------------------------ helpers

    private void completeDraft(String id, int draftVersion) {
        ResponseEntity<JsonNode> saved = saveDraft("reporter.sjw", id, draftVersion, List.of(
                line("T.sjw.1", "4.90", Map.of("incidents", 1), "开展“一案双查”1起。"),
                line("T.sjw.2", "1.00", Map.of("actual", 2, "required", 4), "开展中心组学习2次。"),
                line("T.sjw.3", "9.50", Map.of("bonuses", List.of(Map.of("item", "被《督查通报》表扬", "amount", 1.5)),
                        "penalties", List.of()), "工作受到表扬。"),
                line("T.sjw.4", "2.50", Map.of("score", 2.5, "reason", "落实到位"), null),
                line("T.sjw.5", "5.00", Map.of("rate", 96.5), null)));
        assertThat(saved.getStatusCode()).as(String.valueOf(saved.getBody())).isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<JsonNode> open(String user, String unit, String cycle, String period) {
        return call(HttpMethod.POST, "/api/evidence/units/" + unit + "/self-assessments", user,
                Map.of("cycleId", cycle, "period", period));
    }

    private ResponseEntity<JsonNode> saveDraft(String user, String id, int draftVersion, List<Map<String, Object>> lines) {
        return call(HttpMethod.PUT, "/api/evidence/self-assessments/" + id + "/draft", user,
                Map.of("draftVersion", draftVersion, "lines", lines));
    }

    private ResponseEntity<JsonNode> step(String user, String id, String step, int draftVersion) {
        return call(HttpMethod.POST, "/api/evidence/self-assessments/" + id + "/" + step, user,
                Map.of("draftVersion", draftVersion));
    }

    private ResponseEntity<JsonNode> review(String user, String id, int version, List<Map<String, Object>> decisions) {
        return call(HttpMethod.POST, "/api/evidence/self-assessments/" + id + "/reviews", user,
                Map.of("version", version, "decisions", decisions));
    }

    private static Map<String, Object> line(String item, String score, Map<String, Object> measured, String statement) {
        Map<String, Object> line = new java.util.HashMap<>();
        line.put("itemCode", item);
        line.put("selfScore", new java.math.BigDecimal(score));
        line.put("measured", measured);
        line.put("statement", statement);
        return line;
    }

    private static Map<String, Object> decision(String item, String decision, String comment) {
        Map<String, Object> d = new java.util.HashMap<>();
        d.put("itemCode", item);
        d.put("decision", decision);
        d.put("comment", comment);
        return d;
    }

    static List<String> locations(ResponseEntity<JsonNode> response) {
        List<String> locations = new ArrayList<>();
        response.getBody().path("errors").forEach(e -> locations.add(e.get("location").asText()));
        return locations;
    }

    private static String message(ResponseEntity<JsonNode> response, String location) {
        for (JsonNode error : response.getBody().path("errors")) {
            if (error.get("location").asText().equals(location)) {
                return error.get("message").asText();
            }
        }
        throw new AssertionError("no error at " + location);
    }

    private static List<String> codes(JsonNode lines) {
        List<String> codes = new ArrayList<>();
        lines.forEach(l -> codes.add(l.get("itemCode").asText()));
        return codes;
    }

    private static JsonNode find(JsonNode items, String code) {
        for (JsonNode item : items) {
            if (item.get("itemCode").asText().equals(code)) {
                return item;
            }
        }
        throw new AssertionError("no item " + code + " in " + items);
    }
}
