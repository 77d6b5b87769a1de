package io.kaohe.deploy;

import static io.kaohe.deploy.HaDrills.await;
import static io.kaohe.deploy.RunningPlatform.JSON;
import static io.kaohe.deploy.RunningPlatform.expect;
import static io.kaohe.deploy.RunningPlatform.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The upgrade drill's year, given to the previous release and read back from both through the gateway: a rubric of two
 * items published, a cycle for bz-sjw and bz-zjfy opened on a clock that runs the year in real time (the first quarter
 * open at once, no later timer during the drill), each unit's Q1 self-assessment with two evidence files (one
 * replaced by a second version) signed off, three of the four reviews decided (市扶贫移民局's review of bz-zjfy left
 * open), a judged score and a deduction.
 *
 * <p>Only requests both releases take are sent: what a release answers that the other did not is compared on what
 * the earlier answer had ({@link #compare}).
 */
final class UpgradeYear {

    static final Duration EVENT_WAIT = Duration.ofMinutes(3);
    private static final Duration TASK_WAIT = Duration.ofMinutes(5);
    static final String SJW = "bz-sjw";
    static final String ZJFY = "bz-zjfy";
    private static final Map<String, String> UNIT_NAMES = Map.of(SJW, "市纪委（监察局）", ZJFY, "市中级法院");
    private static final List<String> INBOXES = List.of("office", "reporter.sjw", "head.sjw", "reporter.zjfy", "head.zjfy",
            "reviewer.fpymj", "reviewer.swzzb");

    private final String gateway;
    private final String issuer;
    private final Map<String, String[]> tokens = new HashMap<>();
    private final String stamp = Long.toString(System.currentTimeMillis(), 36);
    final int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
    final String cycleId = "upgrade-" + stamp;
    private String versionId;
    /** Self-assessment id per unit. */
    final Map<String, String> assessments = new HashMap<>();
    /** Every evidence file's id with its owner, its versions' SHA-256 as evidence-service recorded them. */
    final Map<String, Map<Integer, String>> evidence = new LinkedHashMap<>();
    private final Map<String, String> owners = new HashMap<>();

    UpgradeYear(String gateway, String issuer) {
        this.gateway = gateway;
        this.issuer = issuer;
    }

    /** Forgets the tokens: a new release's Keycloak is asked again. */
    void newRelease() {
        synchronized (tokens) {
            tokens.clear();
        }
    }

    /** Gives the year (see the class comment) and waits until the three reviews are through and one is left open. */
    void give() throws Exception {
        // The office publishes a rubric of two items, one per assessing department.
        versionId = expect(post("/api/rubric/versions", "office", HaDrills.rubric("upgrade-" + stamp, year, "升级演练")), 201)
                .get("id").asText();
        ok(post("/api/rubric/versions/" + versionId + "/publish", "office", null));
        HaDrills.awaitRubricConsumers(versionId, EVENT_WAIT, path -> ok(get(path, "office")));

        // A cycle of it for both demo units, on a clock that runs the year in real time from now.
        ObjectNode request = JSON.createObjectNode().put("cycleId", cycleId).put("year", year)
                .put("title", year + "年度升级演练").put("rubricVersionId", versionId);
        ArrayNode units = request.putArray("units");
        for (String unit : List.of(SJW, ZJFY)) {
            units.addObject().put("unitCode", unit).put("unitName", UNIT_NAMES.get(unit)).put("category", "party-dept");
        }
        request.putObject("clock").put("yearIn", "P365D");
        await("workflow opens cycle " + cycleId, EVENT_WAIT, () -> {
            HttpResponse<String> opened = post("/api/workflow/cycles", "office", request.toString());
            return opened.statusCode() == 400 && opened.body().contains("rubricVersionId") ? null : expect(opened, 201);
        });
        await("scoring knows cycle " + cycleId, EVENT_WAIT, () -> {
            for (JsonNode known : ok(get("/api/scoring/cycles", "office"))) {
                if (cycleId.equals(known.path("cycleId").asText())) {
                    return known;
                }
            }
            return null;
        });

        // Each unit's reporter drafts the first quarter with two evidence files (one replaced by a second version),
        // the head signs it off.
        for (String unit : List.of(SJW, ZJFY)) {
            awaitTask(reporter(unit), "UserTask_SubmitSelfAssessment", unit, TASK_WAIT);
            JsonNode assessment = await("evidence-service opens " + unit + " Q1", EVENT_WAIT, () -> {
                HttpResponse<String> opened = post("/api/evidence/units/" + unit + "/self-assessments", reporter(unit),
                        JSON.createObjectNode().put("cycleId", cycleId).put("period", "Q1").toString());
                return opened.statusCode() == 400 && opened.body().contains("cycleId") ? null : expect(opened, 201);
            });
            String id = assessment.get("id").asText();
            assessments.put(unit, id);
            String evidenceDate = assessment.get("opens").asText();
            JsonNode ledger = upload(unit, "1.1", evidenceDate, unit + "-Q1-驻村帮扶台账.txt",
                    "Q1 驻村帮扶工作台账（" + unit + "）：走访贫困户12户，落实帮扶措施8项。");
            String ledgerId = ledger.at("/evidence/evidenceId").asText();
            if (unit.equals(SJW)) {
                JsonNode replaced = expect(sendBytes("/api/evidence/files/" + ledgerId + "/versions?name="
                        + enc(unit + "-Q1-驻村帮扶台账-修订.txt"), reporter(unit),
                        ("Q1 驻村帮扶工作台账（修订）：走访贫困户14户，落实帮扶措施9项。" + stamp).getBytes(StandardCharsets.UTF_8)), 201);
                assertThat(replaced.get("version").asInt()).isEqualTo(2);
            }
            upload(unit, "1.2", evidenceDate, unit + "-Q1-组织生活记录.txt",
                    "Q1 三会一课记录（" + unit + "）：支部党员大会1次，支委会3次，党小组会6次，党课1次。");
            ObjectNode draft = JSON.createObjectNode().put("draftVersion", assessment.get("draftVersion").asInt());
            ArrayNode lines = draft.putArray("lines");
            lines.addObject().put("itemCode", "1.1").put("selfScore", 3).put("statement", "Q1驻村帮扶按计划完成，见台账")
                    .putObject("measured").put("score", 3).put("reason", "按计划完成驻村帮扶");
            lines.addObject().put("itemCode", "1.2").put("selfScore", 3).put("statement", "Q1组织生活正常开展")
                    .putObject("measured").put("incidents", 0);
            JsonNode saved = ok(put("/api/evidence/self-assessments/" + id + "/draft", reporter(unit), draft.toString()));
            String step = JSON.createObjectNode().put("draftVersion", saved.get("draftVersion").asInt()).toString();
            ok(post("/api/evidence/self-assessments/" + id + "/prepare", reporter(unit), step));
            JsonNode signed = ok(post("/api/evidence/self-assessments/" + id + "/sign-off", head(unit), step));
            assertThat(signed.get("status").asText()).isEqualTo("SUBMITTED");
        }

        // Both departments review bz-sjw and accept; 市委组织部 accepts bz-zjfy, whose review by 市扶贫移民局 is left open
        // in that department's inbox for the new release to finish.
        for (String unit : List.of(SJW, ZJFY)) {
            for (String reviewer : List.of("reviewer.fpymj", "reviewer.swzzb")) {
                awaitTask(reviewer, "UserTask_ReviewSelfAssessment", unit, EVENT_WAIT);
            }
        }
        review(assessments.get(SJW), "1.1", "reviewer.fpymj", "台账齐全");
        review(assessments.get(SJW), "1.2", "reviewer.swzzb", null);
        review(assessments.get(ZJFY), "1.2", "reviewer.swzzb", null);
        // Scoring decisions: a judged score for bz-sjw, a deduction for one incident at bz-zjfy.
        decide("reviewer.fpymj", JSON.createObjectNode().put("unitCode", SJW).put("itemCode", "1.1").put("kind", "JUDGED")
                .put("score", 3).put("reason", "驻村帮扶成效明显").put("source", "季度审核"));
        decide("reviewer.swzzb", JSON.createObjectNode().put("unitCode", ZJFY).put("itemCode", "1.2").put("kind", "DEDUCTION")
                .put("count", 1).put("reason", "第二党支部三会一课记录不全").put("source", "实地检查").put("date", year + "-03-15"));
        await("bz-sjw's Q1 reviewed and bz-zjfy's left to 市扶贫移民局", EVENT_WAIT, () ->
                reviews("reviewer.fpymj", SJW).isEmpty() && reviews("reviewer.swzzb", SJW).isEmpty()
                        && reviews("reviewer.swzzb", ZJFY).isEmpty() && reviews("reviewer.fpymj", ZJFY).size() == 1 ? true : null);
    }

    /**
     * The year carries on under the new release: 市扶贫移民局 decides the review the previous release left open and the
     * task leaves its inbox (evidence → Kafka → workflow), a new file is stored, a judged score reaches the unit's sheet.
     * Returns the new file's id.
     */
    String carryOn(String opens, String text) throws Exception {
        review(assessments.get(ZJFY), "1.1", "reviewer.fpymj", "升级后审核");
        await("bz-zjfy's Q1 review closed by the new release", EVENT_WAIT, () ->
                reviews("reviewer.fpymj", ZJFY).isEmpty() ? true : null);
        JsonNode added = upload(SJW, "1.1", opens, SJW + "-Q1-升级后补充.txt", text);
        String addedId = added.at("/evidence/evidenceId").asText();
        owners.put(addedId, SJW);
        decide("reviewer.fpymj", JSON.createObjectNode().put("unitCode", ZJFY).put("itemCode", "1.1").put("kind", "JUDGED")
                .put("score", 2).put("reason", "驻村帮扶记录不全").put("source", "季度审核"));
        await("bz-zjfy's judged score on its sheet", EVENT_WAIT, () ->
                ok(get("/api/scoring/cycles/" + cycleId + "/units/" + ZJFY + "/sheet", "office")).toString()
                        .contains("驻村帮扶记录不全") ? true : null);
        return addedId;
    }

    /** Every answer the drill compares across the upgrade: the cycle, the inboxes, the assessments, the files, the scores. */
    Map<String, JsonNode> read() throws Exception {
        Map<String, JsonNode> into = new LinkedHashMap<>();
        into.put("cycle", ok(get("/api/workflow/cycles/" + cycleId, "office")));
        for (String user : INBOXES) {
            List<String> ids = new ArrayList<>();
            ok(get("/api/workflow/tasks?size=200&cycleId=" + enc(cycleId), user)).get("tasks")
                    .forEach(t -> ids.add(t.get("id").asText() + " " + t.get("type").asText() + " "
                            + t.path("unitCode").asText() + " " + t.path("period").asText()));
            ids.sort(null);
            into.put("inbox of " + user, JSON.valueToTree(ids));
        }
        for (String unit : List.of(SJW, ZJFY)) {
            into.put("assessment " + unit, ok(get("/api/evidence/self-assessments/" + assessments.get(unit), reporter(unit))));
            into.put("files of " + unit, ok(get("/api/evidence/units/" + unit + "/files?cycleId=" + enc(cycleId), reporter(unit))));
            into.put("sheet of " + unit, ok(get("/api/scoring/cycles/" + cycleId + "/units/" + unit + "/sheet", "office")));
            for (String item : List.of("1.1", "1.2")) {
                into.put("decisions " + unit + " " + item, ok(get("/api/scoring/cycles/" + cycleId + "/units/" + unit
                        + "/items/" + item + "/decisions", "office")));
            }
            for (JsonNode found : into.get("files of " + unit)) {
                String id = found.get("evidenceId").asText();
                JsonNode file = ok(get("/api/evidence/files/" + id, reporter(unit)));
                into.put("file " + id, file);
                Map<Integer, String> versions = new TreeMap<>();
                file.get("versions").forEach(v -> versions.put(v.get("version").asInt(), v.get("sha256").asText()));
                evidence.putIfAbsent(id, versions);
                owners.put(id, unit);
            }
        }
        into.put("rubric version", ok(get("/api/rubric/versions/" + versionId, "office")));
        into.put("results", ok(get("/api/scoring/cycles/" + cycleId + "/results", "office")));
        return into;
    }

    /**
     * Answers' fields (by path, "[]" for any element) whose earlier value this release gives otherwise by design, with
     * why; every other earlier value must read back the same.
     */
    static final Map<String, String> CHANGED_ANSWERS = Map.of("cycle.status", "9339c07: a cycle's status is RUNNING, "
            + "ENDED or UNKNOWN, no longer the activity ids its process waits in (CallActivity_UnitAssessment); its stage, "
            + "compared as before, says where it stands");

    /**
     * What {@code after} answers differently from {@code before}: every value {@code before} had must be there the same
     * (arrays element for element) unless {@link #CHANGED_ANSWERS} names it, then it goes to {@code changed}; the fields
     * only {@code after} has are listed in {@code added} by their path.
     */
    static List<String> compare(String path, JsonNode before, JsonNode after, List<String> added, List<String> changed) {
        List<String> differences = new ArrayList<>();
        if (before.isObject() && after.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> f = before.fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> field = f.next();
                JsonNode now = after.get(field.getKey());
                if (now == null) {
                    differences.add(path + "." + field.getKey() + ": gone (was " + field.getValue() + ")");
                } else {
                    differences.addAll(compare(path + "." + field.getKey(), field.getValue(), now, added, changed));
                }
            }
            after.fieldNames().forEachRemaining(n -> {
                String at = path.replaceAll("\\[\\d+]", "[]") + "." + n;
                if (!before.has(n) && !added.contains(at)) {
                    added.add(at);
                }
            });
        } else if (before.isArray() && after.isArray() && before.size() == after.size()) {
            for (int i = 0; i < before.size(); i++) {
                differences.addAll(compare(path + "[" + i + "]", before.get(i), after.get(i), added, changed));
            }
        } else if (!before.equals(after)) {
            String line = path + ": " + before + " before, " + after + " after";
            String why = CHANGED_ANSWERS.get(path.replaceAll("\\[\\d+]", "[]"));
            (why == null ? differences : changed).add(why == null ? line : line + " — " + why);
        }
        return differences;
    }

    /** The file version's bytes, downloaded through the gateway by its unit's reporter. */
    byte[] download(String evidenceId, int version) throws Exception {
        HttpResponse<byte[]> response = RunningPlatform.HTTP.send(HttpRequest.newBuilder(URI.create(gateway
                        + "/api/evidence/files/" + evidenceId + "/versions/" + version + "/content"))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer "
                        + token(reporter(owners.getOrDefault(evidenceId, SJW)))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("download of " + evidenceId + " v" + version).isEqualTo(200);
        return response.body();
    }

    /** The file's record as evidence-service answers it now. */
    JsonNode file(String evidenceId) throws Exception {
        return ok(get("/api/evidence/files/" + evidenceId, reporter(owners.getOrDefault(evidenceId, SJW))));
    }

    /** The audit chain verified by the audit administrator: the number of records it covered. */
    long verifyAudit() throws Exception {
        JsonNode verified = ok(post("/api/audit/verification", "auditor", null)).get("result");
        assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
        return verified.get("verifiedCount").asLong();
    }

    private JsonNode upload(String unit, String item, String evidenceDate, String name, String text) throws Exception {
        String query = "cycleId=" + enc(cycleId) + "&period=Q1&item=" + enc(item) + "&name=" + enc(name)
                + "&evidenceDate=" + evidenceDate;
        return expect(sendBytes("/api/evidence/units/" + unit + "/files?" + query, reporter(unit),
                text.getBytes(StandardCharsets.UTF_8)), 201);
    }

    private HttpResponse<String> sendBytes(String path, String user, byte[] body) throws Exception {
        return RunningPlatform.HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token(user)).header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void review(String id, String item, String reviewer, String comment) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("version", 1);
        ObjectNode d = body.putArray("decisions").addObject().put("itemCode", item).put("decision", "ACCEPTED");
        if (comment != null) {
            d.put("comment", comment);
        }
        ok(post("/api/evidence/self-assessments/" + id + "/reviews", reviewer, body.toString()));
    }

    private void decide(String reviewer, ObjectNode decision) throws Exception {
        expect(post("/api/scoring/cycles/" + cycleId + "/decisions", reviewer, decision.toString()), 201);
    }

    private List<JsonNode> reviews(String user, String unit) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        ok(get("/api/workflow/tasks?size=200&type=UserTask_ReviewSelfAssessment&period=Q1&cycleId=" + enc(cycleId)
                + "&unitCode=" + unit, user)).get("tasks").forEach(found::add);
        return found;
    }

    private void awaitTask(String user, String type, String unit, Duration within) throws Exception {
        await(type + " " + unit + " Q1 for " + user, within, () -> {
            JsonNode found = ok(get("/api/workflow/tasks?size=200&cycleId=" + enc(cycleId) + "&type=" + type
                    + "&unitCode=" + unit + "&period=Q1", user)).get("tasks");
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** A user's token from the running release's Keycloak, used again for two minutes (a new one costs a one-time code). */
    private String token(String user) throws Exception {
        synchronized (tokens) {
            String[] kept = tokens.get(user);
            if (kept == null || System.nanoTime() - Long.parseLong(kept[1]) > Duration.ofMinutes(2).toNanos()) {
                kept = new String[] {RunningPlatform.token(issuer, user), Long.toString(System.nanoTime())};
                tokens.put(user, kept);
            }
            return kept[0];
        }
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        return RunningPlatform.get(gateway + path, token(user));
    }

    private HttpResponse<String> post(String path, String user, String json) throws Exception {
        return RunningPlatform.post(gateway + path, token(user), json);
    }

    private HttpResponse<String> put(String path, String user, String json) throws Exception {
        return RunningPlatform.put(gateway + path, token(user), json);
    }

    static String reporter(String unit) {
        return "reporter." + unit.substring(3);
    }

    private static String head(String unit) {
        return "head." + unit.substring(3);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
