package io.kaohe.deploy;

import static io.kaohe.deploy.RunningPlatform.GATEWAY;
import static io.kaohe.deploy.RunningPlatform.HTTP;
import static io.kaohe.deploy.RunningPlatform.JSON;
import static io.kaohe.deploy.RunningPlatform.expect;
import static io.kaohe.deploy.RunningPlatform.ok;
import static io.kaohe.deploy.RunningPlatform.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaohe.testsupport.Await;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One assessment cycle for the demo units bz-sjw and bz-zjfy through every real service, each step
 * done by the role that does it in real life, with its own token, through the gateway: the office
 * publishes a rubric and opens the cycle on a compressed clock; each quarter and the year-end the
 * unit's reporter drafts the self-assessment with an evidence file and the unit's head signs it off,
 * the assessing departments review it (once returning an item for more); the inspection team records
 * a finding mid-year; at the year-end the departments judge, the office proposes grades, the leader
 * approves them, the office publishes the results; then the rectifications are carried out and closed.
 * Each step's effect is checked through the APIs; waits poll until the platform got there.
 */
@Order(20)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnnualCycleE2EIT {

    private static final String SJW = "bz-sjw";
    private static final String ZJFY = "bz-zjfy";
    private static final List<String> UNITS = List.of(SJW, ZJFY);
    private static final Map<String, String> UNIT_NAMES = Map.of(SJW, "市纪委（监察局）", ZJFY, "市中级法院");
    /** The two items: one per assessing department, so both departments review every period. */
    private static final String FPYMJ_ITEM = "1.1";
    private static final String SWZZB_ITEM = "1.2";
    private static final Map<String, String> REVIEWER_OF = Map.of(FPYMJ_ITEM, "reviewer.fpymj", SWZZB_ITEM, "reviewer.swzzb");
    private static final Map<String, String> DEPARTMENT_OF = Map.of(FPYMJ_ITEM, "sfpymj", SWZZB_ITEM, "swzzb");
    /** The whole year in four minutes: Q2 opens after one, the year-end window after about 3 min 40 s. */
    private static final Duration YEAR_IN = Duration.ofMinutes(4);
    private static final Duration TIMER_WAIT = YEAR_IN.plusMinutes(4);
    private static final Duration EVENT_WAIT = Duration.ofMinutes(3);

    private static String versionId;
    private static String cycleId;
    private static int year;
    /** Self-assessment id per unit and period ("bz-sjw/Q1"). */
    private static final Map<String, String> assessments = new HashMap<>();

    @BeforeAll
    static void platform() throws Exception {
        RunningPlatform.start();
        // The browser journeys wait on their cycles' clocks as this year waits on its own: both at once.
        BrowserJourneys.startIfPlanned();
    }

    @Test
    @Order(1)
    void theOfficePublishesARubricWhoseItemsTwoDepartmentsAssessAndEvidenceAndScoringKnowIt() throws Exception {
        // The launcher loads the demo roster by default: both units are 市党群部门 (party-dept) there.
        for (String unit : UNITS) {
            JsonNode rostered = ok(get("/api/rubric/roster/units/" + unit, "office"));
            assertThat(rostered.get("category").asText()).as(unit).isEqualTo("party-dept");
        }
        String code = "e2e-cycle-" + Long.toString(System.currentTimeMillis(), 36);
        JsonNode rubric = JSON.readTree(HaDrills.rubric(code, cycleYear(), "端到端考核年度"));
        JsonNode created = expect(post("/api/rubric/versions", "office", rubric), 201);
        versionId = created.get("id").asText();
        ok(post("/api/rubric/versions/" + versionId + "/publish", "office", null));
        HaDrills.awaitRubricConsumers(versionId, EVENT_WAIT, path -> ok(get(path, "office")));
        JsonNode items = ok(get("/api/rubric/versions/" + versionId + "/units/" + SJW + "/items", "reporter.sjw"));
        assertThat(items.get("items")).extracting(i -> i.get("itemCode").asText()).containsExactly(FPYMJ_ITEM, SWZZB_ITEM);
    }

    @Test
    @Order(2)
    void theOfficeOpensTheCycleAndEachUnitSeesItsOwnFirstSelfCheckOnly() throws Exception {
        year = cycleYear();
        cycleId = "e2e-" + Long.toString(System.currentTimeMillis(), 36);
        ObjectNode request = JSON.createObjectNode().put("cycleId", cycleId).put("year", year)
                .put("title", year + "年度端到端考核").put("rubricVersionId", versionId);
        ArrayNode units = request.putArray("units");
        for (String unit : UNITS) {
            units.addObject().put("unitCode", unit).put("unitName", UNIT_NAMES.get(unit)).put("category", "party-dept");
        }
        request.putObject("clock").put("yearIn", YEAR_IN.toString());
        // Workflow learns of the published version over Kafka too: until then it refuses the version (400).
        JsonNode cycle = await("workflow accepts version " + versionId, EVENT_WAIT, () -> {
            HttpResponse<String> opened = post("/api/workflow/cycles", "office", request);
            if (opened.statusCode() == 400 && opened.body().contains("rubricVersionId")) {
                return null;
            }
            return expect(opened, 201);
        });
        assertThat(cycle.get("compressed").asBoolean()).isTrue();
        assertThat(cycle.get("unitCount").asInt()).isEqualTo(2);
        assertThat(cycle.get("calendar")).extracting(d -> d.get("what").asText())
                .contains("Q1", "Q2", "Q3", "Q4", "YEAR", "INSPECTION");

        // CycleOpened reaches scoring (it scores the cycle) and evidence (units may open self-assessments).
        await("scoring knows cycle " + cycleId, EVENT_WAIT, () -> {
            for (JsonNode known : ok(get("/api/scoring/cycles", "office"))) {
                if (cycleId.equals(known.path("cycleId").asText())) {
                    return known;
                }
            }
            return null;
        });

        Map<String, JsonNode> first = new HashMap<>();
        for (String unit : UNITS) {
            JsonNode task = awaitTask(reporter(unit), "UserTask_SubmitSelfAssessment", unit, "Q1", TIMER_WAIT);
            assertThat(task.get("completedByEvent").asBoolean()).as("the sign-off in evidence-service ends it").isTrue();
            assertThat(tasks(head(unit), "UserTask_SubmitSelfAssessment", unit, "Q1")).extracting(t -> t.get("id").asText())
                    .containsExactly(task.get("id").asText());
            first.put(unit, task);
        }
        // A unit never sees another unit's task: not in its inbox, and 404 when asked for it by id.
        String sjwTask = first.get(SJW).get("id").asText();
        assertThat(tasks("reporter.zjfy", "UserTask_SubmitSelfAssessment", null, null))
                .extracting(t -> t.get("unitCode").asText()).containsOnly(ZJFY);
        assertThat(get("/api/workflow/tasks/" + sjwTask, "reporter.zjfy").statusCode()).isEqualTo(404);
        assertThat(get("/api/workflow/tasks/" + sjwTask, "head.zjfy").statusCode()).isEqualTo(404);
        assertThat(post("/api/workflow/tasks/" + sjwTask + "/claim", "reporter.zjfy", null).statusCode()).isEqualTo(404);
        assertThat(get("/api/workflow/tasks/" + sjwTask, "reporter.sjw").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void theFirstQuarterIsSubmittedSignedOffAndAcceptedByBothDepartments() throws Exception {
        for (String unit : UNITS) {
            runPeriod(unit, "Q1", false);
        }
    }

    @Test
    @Order(4)
    void inTheSecondQuarterADepartmentReturnsAnItemTheUnitCorrectsItAndTheDepartmentAccepts() throws Exception {
        runPeriod(SJW, "Q2", true);
        runPeriod(ZJFY, "Q2", false);
    }

    @Test
    @Order(5)
    void theThirdQuarterAndTheMidYearInspectionWhoseFindingBecomesADecisionAndANotice() throws Exception {
        for (String unit : UNITS) {
            runPeriod(unit, "Q3", false);
        }
        // 阶段性考核: the inspection team finds one problem at bz-sjw, none at bz-zjfy.
        JsonNode sjw = awaitTask("inspector.1", "UserTask_RecordInspectionFindings", SJW, null, TIMER_WAIT);
        JsonNode zjfy = awaitTask("inspector.1", "UserTask_RecordInspectionFindings", ZJFY, null, TIMER_WAIT);
        assertThat(sjw.get("form").asText()).isEqualTo("FindingsForm");
        assertThat(get("/api/workflow/tasks/" + sjw.get("id").asText(), "reporter.sjw").statusCode()).isEqualTo(404);
        ObjectNode finding = JSON.createObjectNode().put("inspectedOn", year + "-07-15")
                .put("summary", "听取汇报、实地查看党员活动室、查阅组织生活记录");
        finding.putArray("findings").addObject().put("itemCode", SWZZB_ITEM)
                .put("problem", "第二党支部三会一课记录不全").put("source", "实地检查").put("proposedDeduction", 0.5);
        complete("inspector.1", sjw, finding);
        ObjectNode none = JSON.createObjectNode().put("inspectedOn", year + "-07-16").put("summary", "未发现问题");
        none.putArray("findings");
        complete("inspector.1", zjfy, none);

        // The finding became a deduction in scoring-service, in the inspector's name …
        JsonNode decision = await("the inspection's deduction in scoring", EVENT_WAIT, () -> {
            HttpResponse<String> history = get("/api/scoring/cycles/" + cycleId + "/units/" + SJW + "/items/"
                    + SWZZB_ITEM + "/decisions", "office");
            return history.statusCode() == 200 && ok(history).size() > 0 ? ok(history).get(0) : null;
        });
        assertThat(decision.toString()).contains("DEDUCTION", "第二党支部三会一课记录不全", "inspector.1");
        // … and a rectification notice (整改通知书) with the problem, run by workflow.
        JsonNode notice = awaitRectification(SJW, "INSPECTION_NOTICE", "reporter.sjw");
        assertThat(notice.get("status").asText()).isEqualTo("OPEN");
        assertThat(notice.get("noticeProblems")).hasSize(1);
        assertThat(notice.at("/noticeProblems/0/problemId").asText()).isEqualTo("F1");
        assertThat(notice.at("/noticeProblems/0/description").asText()).isEqualTo("第二党支部三会一课记录不全");
        assertThat(tasks("inspector.1", "UserTask_RecordInspectionFindings", null, null)).isEmpty();
    }

    @Test
    @Order(6)
    void theFourthQuarter() throws Exception {
        for (String unit : UNITS) {
            runPeriod(unit, "Q4", false);
        }
    }

    @Test
    @Order(7)
    void theYearEndSelfAssessmentIsReviewedAndJudgedAndScoringComputesTheScores() throws Exception {
        // 终审: the department judging item 1.1 records its judged scores in scoring-service.
        Map<String, String> judged = Map.of(SJW, "3", ZJFY, "1");
        for (String unit : UNITS) {
            runPeriod(unit, "YEAR", false, () -> {
                ObjectNode decision = JSON.createObjectNode().put("unitCode", unit).put("itemCode", FPYMJ_ITEM)
                        .put("kind", "JUDGED").put("score", new java.math.BigDecimal(judged.get(unit)))
                        .put("reason", SJW.equals(unit) ? "驻村帮扶成效明显" : "驻村帮扶工作开展不足，帮扶记录缺失")
                        .put("source", "年度考核终审");
                expect(post("/api/scoring/cycles/" + cycleId + "/decisions", "reviewer.fpymj", decision), 201);
            });
        }
        // Once every unit's year is reviewed, ComputeScores → ScoresComputed ends the unit assessments and the
        // office is asked to propose grades.
        awaitTask("office", "UserTask_ProposeGrades", null, null, EVENT_WAIT);
        JsonNode sheet = ok(get("/api/scoring/cycles/" + cycleId + "/units/" + SJW + "/sheet", "reporter.sjw"));
        assertThat(sheet.toString()).contains("第二党支部三会一课记录不全");
    }

    @Test
    @Order(8)
    void theOfficeProposesGradesTheLeaderApprovesThemAndTheOfficePublishesTheResults() throws Exception {
        JsonNode proposal = expect(post("/api/scoring/cycles/" + cycleId + "/grades/proposals", "office", null), 201);
        Map<String, String> proposed = new HashMap<>();
        for (JsonNode grade : proposal.get("grades")) {
            proposed.put(grade.get("unitCode").asText(), grade.get("grade").asText());
        }
        // 5.50 of 6 (a 0.5 deduction from the inspection) is 好; 4.00 of 6 is 一般.
        assertThat(proposed).containsEntry(SJW, "好").containsEntry(ZJFY, "一般");

        JsonNode approval = awaitTask("leader", "UserTask_ApproveGrades", null, null, EVENT_WAIT);
        assertThat(approval.get("category").asText()).isEqualTo("party-dept");
        String approvalId = approval.get("id").asText();
        // Four eyes: the office, who proposed, is not offered the approval at all.
        ObjectNode approveBoth = JSON.createObjectNode();
        approveBoth.putArray("approve").add(SJW).add(ZJFY);
        assertThat(post("/api/workflow/tasks/" + approvalId + "/complete", "office", approveBoth).statusCode())
                .isEqualTo(404);
        assertThat(tasks("office", "UserTask_ApproveGrades", null, null)).isEmpty();
        administratorsTakeNoPartIn(approvalId, approveBoth);

        ObjectNode bulk = JSON.createObjectNode();
        bulk.putArray("items").addObject().put("taskId", approvalId).set("form", approveBoth);
        JsonNode results = ok(post("/api/workflow/tasks/bulk-complete", "leader", bulk));
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("status").asInt()).as(results.toString()).isEqualTo(200);

        // GradesApproved reaches scoring: the results table shows both units approved.
        JsonNode table = await("both units approved in the results table", EVENT_WAIT, () -> {
            JsonNode t = ok(get("/api/scoring/cycles/" + cycleId + "/results", "leader"));
            Map<String, String> status = rows(t, "status");
            return "APPROVED".equals(status.get(SJW)) && "APPROVED".equals(status.get(ZJFY)) ? t : null;
        });
        assertThat(rows(table, "grade")).containsEntry(SJW, "好").containsEntry(ZJFY, "一般");
        assertThat(new java.math.BigDecimal(rows(table, "total").get(SJW))).isEqualByComparingTo("5.50");
        assertThat(new java.math.BigDecimal(rows(table, "total").get(ZJFY))).isEqualByComparingTo("4.00");
        assertThat(ok(get("/api/scoring/cycles/" + cycleId + "/grades", "office")).get("approvals").toString())
                .contains("leader");

        JsonNode publish = awaitTask("office", "UserTask_PublishResults", null, null, EVENT_WAIT);
        String noticeTitle = "关于" + year + "年度端到端考核结果的通报";
        // Before publishing, the office previews the 通报 as it will be printed.
        ObjectNode draft = JSON.createObjectNode().put("noticeTitle", noticeTitle)
                .put("issuingBody", "中共巴中市委目标绩效管理办公室").put("documentNumber", "巴目绩办〔" + (year + 1) + "〕3号")
                .put("issuedOn", (year + 1) + "-01-28").put("body", "各被考核单位：\n现将" + year + "年度考核结果通报如下。");
        HttpResponse<byte[]> preview = HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/scoring/cycles/"
                        + cycleId + "/notice/preview?format=pdf")).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token("office")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(draft))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(new String(preview.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(bytes("/api/scoring/cycles/" + cycleId + "/notice.pdf", "office").statusCode())
                .as("not downloadable before publication").isEqualTo(404);
        complete("office", publish, draft);
        JsonNode ended = await("the cycle ends once the results are published", EVENT_WAIT, () -> {
            JsonNode c = ok(get("/api/workflow/cycles/" + cycleId, "office"));
            return "ENDED".equals(c.get("status").asText()) ? c : null;
        });
        assertThat(ended.get("cycleId").asText()).isEqualTo(cycleId);
        assertThat(ended.get("stage").asText()).as("named in the offices' words").isEqualTo("PUBLISHED");
        // CyclePublished reaches scoring: the results table is now the official one.
        JsonNode official = await("the results table is published", EVENT_WAIT, () -> {
            JsonNode t = ok(get("/api/scoring/cycles/" + cycleId + "/results", "leader"));
            return t.hasNonNull("publication") ? t : null;
        });
        assertThat(official.at("/publication/noticeTitle").asText()).isEqualTo("关于" + year + "年度端到端考核结果的通报");
        assertThat(official.at("/publication/publishedBy").asText()).isEqualTo("office");
        assertThat(official.at("/publication/documentNumber").asText()).isEqualTo("巴目绩办〔" + (year + 1) + "〕3号");
        // The table is headed by the roster's own name for the category, not its code.
        String partyDept = null;
        for (JsonNode category : ok(get("/api/rubric/roster/categories", "office"))) {
            if (category.get("code").asText().equals("party-dept")) {
                partyDept = category.get("name").asText();
            }
        }
        assertThat(official.at("/groups/0/categoryName").asText()).isEqualTo(partyDept).isNotEqualTo("party-dept");
        // The published 通报, as Word, PDF and OFD, for the office and for a unit.
        for (String user : List.of("office", "reporter.zjfy")) {
            assertThat(bytes("/api/scoring/cycles/" + cycleId + "/notice.pdf", user).body())
                    .startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
            assertThat(bytes("/api/scoring/cycles/" + cycleId + "/notice.docx", user).body()).startsWith((byte) 'P', (byte) 'K');
            assertThat(bytes("/api/scoring/cycles/" + cycleId + "/notice.ofd", user).body()).startsWith((byte) 'P', (byte) 'K');
        }
        assertThat(ok(get("/api/scoring/cycles/" + cycleId + "/notice", "reporter.zjfy")).get("documentNumber")
                .asText()).isEqualTo("巴目绩办〔" + (year + 1) + "〕3号");
        // 一般 → the unit explains in writing with measures (书面说明).
        JsonNode explanation = awaitRectification(ZJFY, "EXPLANATION", "reporter.zjfy");
        assertThat(explanation.get("grade").asText()).isEqualTo("一般");
        assertThat(ok(get("/api/workflow/rectifications?cycleId=" + cycleId, "reporter.zjfy")))
                .extracting(r -> r.get("unitCode").asText()).containsOnly(ZJFY);
    }

    /**
     * 三员分立 (docs/security/roles.md): the system, security and audit administrators cannot approve,
     * propose, score, submit or read the results; only the first-hand refusals are checked here.
     */
    private static void administratorsTakeNoPartIn(String approvalId, JsonNode approval) throws Exception {
        for (String admin : List.of("sysadmin", "secadmin", "auditor")) {
            assertThat(tasks(admin, "UserTask_ApproveGrades", null, null)).as(admin).isEmpty();
            assertThat(post("/api/workflow/tasks/" + approvalId + "/complete", admin, approval).statusCode())
                    .as(admin + " approves").isEqualTo(404);
            assertThat(post("/api/scoring/cycles/" + cycleId + "/grades/proposals", admin, null).statusCode())
                    .as(admin + " proposes grades").isEqualTo(403);
            ObjectNode decision = JSON.createObjectNode().put("unitCode", ZJFY).put("itemCode", FPYMJ_ITEM)
                    .put("kind", "JUDGED").put("score", new java.math.BigDecimal("3")).put("reason", "管理员不能评分")
                    .put("source", "年度考核终审");
            assertThat(post("/api/scoring/cycles/" + cycleId + "/decisions", admin, decision).statusCode())
                    .as(admin + " scores").isEqualTo(403);
            assertThat(post("/api/evidence/units/" + SJW + "/self-assessments", admin,
                    JSON.createObjectNode().put("cycleId", cycleId).put("period", "YEAR")).statusCode())
                    // evidence refuses at the object: a unit the caller is not of is not shown to exist (404)
                    .as(admin + " submits for a unit").isIn(403, 404);
            assertThat(get("/api/scoring/cycles/" + cycleId + "/results", admin).statusCode())
                    .as(admin + " reads the results").isEqualTo(403);
        }
    }

    @Test
    @Order(9)
    void theRectificationsAreCarriedOutAndClosed() throws Exception {
        // The inspection notice: a measure per problem, progress, and the inspector closes it (销号).
        JsonNode notice = awaitRectification(SJW, "INSPECTION_NOTICE", "reporter.sjw");
        String noticeId = notice.get("rectificationId").asText();
        JsonNode plan = awaitRectificationTask("reporter.sjw", "UserTask_SubmitRectificationPlan", noticeId);
        ObjectNode measures = JSON.createObjectNode();
        measures.putArray("measures").addObject().put("problemId", "F1").put("measure", "补齐三会一课记录，支部书记每月检查")
                .put("responsibleLeader", "机关党委书记").put("responsibleOffice", "机关党委").put("deadline", (year + 1) + "-03-31");
        complete("reporter.sjw", plan, measures);
        closeLedger(noticeId, SJW, "inspector.1");

        // The 一般 explanation: the unit's own measures become the ledger, the office verifies.
        JsonNode explanation = awaitRectification(ZJFY, "EXPLANATION", "reporter.zjfy");
        String explanationId = explanation.get("rectificationId").asText();
        JsonNode report = awaitRectificationTask("head.zjfy", "UserTask_SubmitExplanation", explanationId);
        ObjectNode written = JSON.createObjectNode().put("summary", "以党组名义说明：驻村帮扶工作重视不够，记录缺失");
        written.putArray("measures").addObject().put("problem", "驻村帮扶记录缺失").put("measure", "建立帮扶工作台账，每季度通报")
                .put("responsibleLeader", "党组副书记").put("responsibleOffice", "政治部").put("deadline", (year + 1) + "-06-30");
        complete("head.zjfy", report, written);
        closeLedger(explanationId, ZJFY, "office");
    }

    // ------------------------------------------------------------------------------------ one period

    private interface Step {
        void run() throws Exception;
    }

    private static void runPeriod(String unit, String period, boolean returnOnce) throws Exception {
        runPeriod(unit, period, returnOnce, () -> { });
    }

    /**
     * One period of one unit as the people do it: once the period's task is in the unit's inbox the
     * reporter opens the self-assessment, uploads an evidence file, fills every item and prepares it, the
     * head signs it off; the process then offers each assessing department its review, and the
     * departments decide in evidence-service (optionally returning item 1.1 once: the unit corrects it and
     * signs off again before the department accepts). Ends when no task of the period is left.
     */
    private static void runPeriod(String unit, String period, boolean returnOnce, Step beforeAccepting) throws Exception {
        JsonNode submitTask = awaitTask(reporter(unit), "UserTask_SubmitSelfAssessment", unit, period, TIMER_WAIT);
        assertThat(submitTask.get("cycleId").asText()).isEqualTo(cycleId);

        JsonNode assessment = await("evidence-service opens " + unit + " " + period, EVENT_WAIT, () -> {
            HttpResponse<String> opened = post("/api/evidence/units/" + unit + "/self-assessments", reporter(unit),
                    JSON.createObjectNode().put("cycleId", cycleId).put("period", period));
            // Until CycleOpened reached evidence-service, the unit is not in the cycle there (400).
            return opened.statusCode() == 400 && opened.body().contains("cycleId") ? null : expect(opened, 201);
        });
        String id = assessment.get("id").asText();
        assessments.put(unit + "/" + period, id);
        assertThat(assessment.get("lines")).extracting(l -> l.get("itemCode").asText())
                .containsExactly(FPYMJ_ITEM, SWZZB_ITEM);
        // Another unit's people do not even learn it exists.
        assertThat(get("/api/evidence/self-assessments/" + id, reporter(other(unit))).statusCode()).isEqualTo(404);

        // The day the file proves something happened: the period's first day, which has come on the cycle's clock.
        String evidenceDate = assessment.get("opens").asText();
        JsonNode file = upload(unit, period, FPYMJ_ITEM, evidenceDate, unit + "-" + period + "-驻村帮扶台账.txt",
                period + " 驻村帮扶工作台账：走访贫困户12户，落实帮扶措施8项。");
        String evidenceId = file.at("/evidence/evidenceId").asText();
        assertThat(evidenceId).isNotBlank();

        JsonNode draft = saveDraft(id, assessment.get("draftVersion").asInt(), reporter(unit), List.of(
                line(FPYMJ_ITEM, "3", Map.of("score", 3, "reason", "按计划完成驻村帮扶"), period + "驻村帮扶按计划完成，见台账"),
                line(SWZZB_ITEM, "3", Map.of("incidents", 0), period + "组织生活正常开展")));
        JsonNode evidenced = draft.get("lines").get(0).get("evidence");
        assertThat(evidenced).extracting(e -> e.get("evidenceId").asText()).contains(evidenceId);
        JsonNode signed = prepareAndSignOff(id, draft.get("draftVersion").asInt(), unit);
        assertThat(signed.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(signed.get("submittedVersion").asInt()).isEqualTo(1);

        // SelfAssessmentSubmitted moves the period on: the submission task is gone, each department reviews.
        Map<String, JsonNode> reviews = new LinkedHashMap<>();
        for (String item : List.of(FPYMJ_ITEM, SWZZB_ITEM)) {
            JsonNode review = awaitTask(REVIEWER_OF.get(item), "UserTask_ReviewSelfAssessment", unit, period, EVENT_WAIT);
            assertThat(review.get("department").asText()).isEqualTo(DEPARTMENT_OF.get(item));
            assertThat(review.get("completedByEvent").asBoolean()).isFalse();
            reviews.put(item, review);
        }
        assertThat(tasks(reporter(unit), "UserTask_SubmitSelfAssessment", unit, period)).isEmpty();
        // A department's reviewer sees its own item of the submission only.
        JsonNode seen = ok(get("/api/evidence/self-assessments/" + id, "reviewer.swzzb"));
        assertThat(seen.get("lines")).extracting(l -> l.get("itemCode").asText()).containsExactly(SWZZB_ITEM);

        review(id, 1, SWZZB_ITEM, "ACCEPTED", null);
        if (returnOnce) {
            review(id, 1, FPYMJ_ITEM, "RETURNED", "台账未附走访照片，请补充");
            JsonNode revise = awaitTask(reporter(unit), "UserTask_ReviseSelfAssessment", unit, period, EVENT_WAIT);
            assertThat(revise.get("department").asText()).isEqualTo("sfpymj");
            // The unit's reporter is told: in the notification centre, and by email with the reason and the task's link.
            String link = "#/inbox?task=" + revise.get("id").asText();
            JsonNode told = await("the return in reporter's notification centre", EVENT_WAIT, () -> {
                for (JsonNode n : ok(get("/api/notifications?size=200", reporter(unit))).get("items")) {
                    if ("TASK_RETURNED".equals(n.get("kind").asText()) && link.equals(n.get("link").asText())) {
                        return n;
                    }
                }
                return null;
            });
            assertThat(told.get("body").asText()).contains("台账未附走访照片，请补充");
            Mails.Mail mail = await("the return's email in GreenMail", EVENT_WAIT, () -> Mails.to(reporter(unit) + "@kaohe.local")
                    .stream().filter(m -> m.text().contains(link)).findFirst().orElse(null));
            assertThat(mail.subject()).isEqualTo("【考核平台】被退回：补充材料并重新签发");
            assertThat(mail.text()).contains("退回原因：" + FPYMJ_ITEM + "：台账未附走访照片，请补充");
            JsonNode returned = ok(get("/api/evidence/self-assessments/" + id, reporter(unit)));
            assertThat(returned.get("status").asText()).isEqualTo("RETURNED");
            JsonNode returnedLine = returned.get("lines").get(0);
            assertThat(returnedLine.get("reviewStatus").asText()).isEqualTo("RETURNED");
            assertThat(returnedLine.at("/lastReview/comment").asText()).isEqualTo("台账未附走访照片，请补充");
            assertThat(returned.get("lines").get(1).get("editable").asBoolean()).as("accepted items stay as they are").isFalse();

            upload(unit, period, FPYMJ_ITEM, evidenceDate, unit + "-" + period + "-走访照片说明.txt", "补充：走访照片12张已归档，编号001-012。");
            JsonNode corrected = saveDraft(id, returned.get("draftVersion").asInt(), reporter(unit), List.of(
                    line(FPYMJ_ITEM, "3", Map.of("score", 3, "reason", "按计划完成驻村帮扶，已补走访照片"),
                            period + "驻村帮扶按计划完成，补充走访照片")));
            JsonNode resigned = prepareAndSignOff(id, corrected.get("draftVersion").asInt(), unit);
            assertThat(resigned.get("submittedVersion").asInt()).isEqualTo(2);
            JsonNode again = awaitTask("reviewer.fpymj", "UserTask_ReviewSelfAssessment", unit, period, EVENT_WAIT);
            assertThat(again.get("id").asText()).isNotEqualTo(reviews.get(FPYMJ_ITEM).get("id").asText());
            JsonNode changes = ok(get("/api/evidence/self-assessments/" + id + "/versions/2", "reviewer.fpymj"));
            assertThat(changes.get("changedItems")).extracting(JsonNode::asText).containsExactly(FPYMJ_ITEM);
            beforeAccepting.run();
            review(id, 2, FPYMJ_ITEM, "ACCEPTED", "已补充");
        } else {
            beforeAccepting.run();
            review(id, 1, FPYMJ_ITEM, "ACCEPTED", null);
        }
        // Both decisions complete the review tasks (SubmissionAccepted): nothing of the period is left open.
        await(unit + " " + period + " reviewed", EVENT_WAIT, () -> {
            for (String reviewer : List.of("reviewer.fpymj", "reviewer.swzzb")) {
                if (!tasks(reviewer, "UserTask_ReviewSelfAssessment", unit, period).isEmpty()) {
                    return null;
                }
            }
            return tasks(reporter(unit), null, unit, period).isEmpty() ? Boolean.TRUE : null;
        });
    }

    private static Map<String, Object> line(String item, String selfScore, Map<String, Object> measured, String statement) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("itemCode", item);
        line.put("selfScore", new java.math.BigDecimal(selfScore));
        line.put("measured", measured);
        line.put("statement", statement);
        return line;
    }

    private static JsonNode saveDraft(String id, int draftVersion, String user, List<Map<String, Object>> lines)
            throws Exception {
        ObjectNode body = JSON.createObjectNode().put("draftVersion", draftVersion);
        body.set("lines", JSON.valueToTree(lines));
        return ok(put("/api/evidence/self-assessments/" + id + "/draft", user, body));
    }

    private static JsonNode prepareAndSignOff(String id, int draftVersion, String unit) throws Exception {
        ObjectNode step = JSON.createObjectNode().put("draftVersion", draftVersion);
        JsonNode prepared = ok(post("/api/evidence/self-assessments/" + id + "/prepare", reporter(unit), step));
        assertThat(prepared.get("status").asText()).isEqualTo("AWAITING_SIGN_OFF");
        // Only the unit's head signs off (经部门主要领导签发).
        assertThat(post("/api/evidence/self-assessments/" + id + "/sign-off", reporter(unit), step).statusCode())
                .isEqualTo(403);
        return ok(post("/api/evidence/self-assessments/" + id + "/sign-off", head(unit), step));
    }

    private static void review(String id, int version, String item, String decision, String comment) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("version", version);
        ObjectNode d = body.putArray("decisions").addObject().put("itemCode", item).put("decision", decision);
        if (comment != null) {
            d.put("comment", comment);
        }
        ok(post("/api/evidence/self-assessments/" + id + "/reviews", REVIEWER_OF.get(item), body));
    }

    private static JsonNode upload(String unit, String period, String item, String evidenceDate, String name, String text)
            throws Exception {
        String query = "cycleId=" + enc(cycleId) + "&period=" + period + "&item=" + enc(item) + "&name=" + enc(name)
                + "&evidenceDate=" + evidenceDate;
        HttpRequest request = HttpRequest.newBuilder(URI.create(GATEWAY + "/api/evidence/units/" + unit + "/files?" + query))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token(reporter(unit)))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build();
        return expect(HTTP.send(request, HttpResponse.BodyHandlers.ofString()), 201);
    }

    // ------------------------------------------------------------------------------------ rectification

    private static JsonNode awaitRectification(String unit, String kind, String asUser) throws Exception {
        return await(kind + " rectification of " + unit, EVENT_WAIT, () -> {
            for (JsonNode r : ok(get("/api/workflow/rectifications?cycleId=" + cycleId + "&unitCode=" + unit, asUser))) {
                if (kind.equals(r.get("kind").asText())) {
                    return r;
                }
            }
            return null;
        });
    }

    private static JsonNode awaitRectificationTask(String user, String type, String rectificationId) throws Exception {
        return await(type + " of " + rectificationId, EVENT_WAIT, () -> {
            for (JsonNode task : tasks(user, type, null, null)) {
                if (rectificationId.equals(task.path("rectificationId").asText())) {
                    return task;
                }
            }
            return null;
        });
    }

    /** Every ledger entry: the unit reports progress, the verifier closes it (销号); then the rectification is closed. */
    private static void closeLedger(String rectificationId, String unit, String verifier) throws Exception {
        JsonNode ledger = awaitRectification(unit, rectificationKind(rectificationId, unit), reporter(unit)).get("ledger");
        assertThat(ledger).isNotEmpty();
        for (int i = 0; i < ledger.size(); i++) {
            JsonNode progress = awaitRectificationTask(reporter(unit), "UserTask_ReportRectificationProgress", rectificationId);
            complete(reporter(unit), progress, JSON.createObjectNode().put("progress", "措施已落实，制度已印发")
                    .put("completed", true));
            JsonNode verify = awaitRectificationTask(verifier, "UserTask_VerifyRectification", rectificationId);
            assertThat(get("/api/workflow/tasks/" + verify.get("id").asText(), reporter(unit)).statusCode()).isEqualTo(404);
            complete(verifier, verify, JSON.createObjectNode().put("verdict", "CLOSED").put("comment", "经核查整改到位，予以销号"));
        }
        JsonNode closed = await("rectification " + rectificationId + " closed", EVENT_WAIT, () -> {
            for (JsonNode r : ok(get("/api/workflow/rectifications?cycleId=" + cycleId + "&unitCode=" + unit, "office"))) {
                if (rectificationId.equals(r.get("rectificationId").asText()) && "CLOSED".equals(r.get("status").asText())) {
                    return r;
                }
            }
            return null;
        });
        assertThat(closed.get("closedAt").isNull()).isFalse();
        for (JsonNode entry : closed.get("ledger")) {
            assertThat(entry.get("status").asText()).isEqualTo("CLOSED");
            assertThat(entry.get("verifiedBy").asText()).isEqualTo(verifier);
            assertThat(entry.get("progress").asText()).contains("措施已落实");
        }
    }

    private static String rectificationKind(String rectificationId, String unit) throws Exception {
        for (JsonNode r : ok(get("/api/workflow/rectifications?cycleId=" + cycleId + "&unitCode=" + unit, "office"))) {
            if (rectificationId.equals(r.get("rectificationId").asText())) {
                return r.get("kind").asText();
            }
        }
        throw new AssertionError("no rectification " + rectificationId);
    }

    // ------------------------------------------------------------------------------------ inbox

    private static List<JsonNode> tasks(String user, String type, String unit, String period) throws Exception {
        StringBuilder query = new StringBuilder("/api/workflow/tasks?size=200&cycleId=" + enc(cycleId));
        if (type != null) {
            query.append("&type=").append(type);
        }
        if (unit != null) {
            query.append("&unitCode=").append(unit);
        }
        if (period != null) {
            query.append("&period=").append(period);
        }
        List<JsonNode> found = new ArrayList<>();
        ok(get(query.toString(), user)).get("tasks").forEach(found::add);
        return found;
    }

    private static JsonNode awaitTask(String user, String type, String unit, String period, Duration within) throws Exception {
        return await(type + " " + (unit == null ? "" : unit + " ") + (period == null ? "" : period + " ") + "for " + user,
                within, () -> {
                    List<JsonNode> found = tasks(user, type, unit, period);
                    return found.isEmpty() ? null : found.get(0);
                });
    }

    private static JsonNode complete(String user, JsonNode task, JsonNode form) throws Exception {
        JsonNode done = ok(post("/api/workflow/tasks/" + task.get("id").asText() + "/complete", user, form));
        assertThat(done.get("completedBy").asText()).isEqualTo(user);
        return done;
    }

    // ------------------------------------------------------------------------------------ plumbing

    /**
     * This year, run compressed: evidence-service opens each period, and dates each sign-off, by the cycle's
     * own calendar day (CycleOpened carries the clock), not by today's date.
     */
    private static int cycleYear() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
    }

    private static String reporter(String unit) {
        return "reporter." + unit.substring(3);
    }

    private static String head(String unit) {
        return "head." + unit.substring(3);
    }

    private static String other(String unit) {
        return SJW.equals(unit) ? ZJFY : SJW;
    }

    private static Map<String, String> rows(JsonNode table, String field) {
        Map<String, String> values = new HashMap<>();
        for (JsonNode group : table.get("groups")) {
            for (JsonNode row : group.get("rows")) {
                values.put(row.get("unitCode").asText(), row.get(field).isNull() ? null : row.get(field).asText());
            }
        }
        return values;
    }

    private static HttpResponse<String> get(String path, String user) throws Exception {
        return RunningPlatform.get(GATEWAY + path, token(user));
    }

    private static HttpResponse<byte[]> bytes(String path, String user) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token(user)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> post(String path, String user, JsonNode body) throws Exception {
        return RunningPlatform.post(GATEWAY + path, token(user), body == null ? null : JSON.writeValueAsString(body));
    }

    private static HttpResponse<String> put(String path, String user, JsonNode body) throws Exception {
        return RunningPlatform.put(GATEWAY + path, token(user), JSON.writeValueAsString(body));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Polls every 500 ms until {@code probe} answers something (not null); fails after {@code within}, saying where the
     * cycle is.
     */
    private static <T> T await(String what, Duration within, Callable<T> probe) throws Exception {
        return Await.until(() -> what + (cycleId == null ? ""
                : " (cycle: " + get("/api/workflow/cycles/" + cycleId, "office").body() + ")"), within,
                Duration.ofMillis(500), probe);
    }
}
