package io.kaohe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small year given to a running platform through its public API, as the drills need one (the upgrade drill, the
 * backup drill): a rubric of two items published (1.1 judged by 市扶贫移民局, 1.2 half a point per incident by
 * 市委组织部), a cycle of it opened for bz-sjw and bz-zjfy, first-quarter self-assessments with evidence files signed
 * off, reviews decided, scoring decisions recorded; and the year read back through the API, to be compared after what
 * the drill did to the platform. Its people have the demo realm's names (office, reporter.sjw, head.sjw,
 * reviewer.fpymj, reviewer.swzzb): the bundle's drill makes them in its production realm under the same names.
 */
public final class DrillYear {

    public static final String SJW = "bz-sjw";
    public static final String ZJFY = "bz-zjfy";
    public static final Map<String, String> UNIT_NAMES = Map.of(SJW, "市纪委（监察局）", ZJFY, "市中级法院");
    public static final String CATEGORY = "party-dept";
    /** The assessing departments of the rubric's items, with their names. */
    public static final Map<String, String> DEPARTMENTS = Map.of("sfpymj", "市扶贫移民局", "swzzb", "市委组织部");
    /** Each item's reviewer: the one person of the department that assesses it. */
    public static final Map<String, String> REVIEWER_OF = Map.of("1.1", "reviewer.fpymj", "1.2", "reviewer.swzzb");
    public static final String OFFICE = "office";
    public static final String REVIEW = "UserTask_ReviewSelfAssessment";
    /** Everyone whose inbox the year fills. */
    public static final List<String> INBOXES = List.of(OFFICE, "reporter.sjw", "head.sjw", "reporter.zjfy", "head.zjfy",
            "reviewer.fpymj", "reviewer.swzzb");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PlatformApi api;
    private final Duration eventWait;
    private String versionId;
    private String cycleId;
    /** Self-assessment id per unit. */
    private final Map<String, String> assessments = new LinkedHashMap<>();
    /** What was uploaded: evidence id → version → the SHA-256 of the bytes sent. */
    private final Map<String, Map<Integer, String>> uploaded = new LinkedHashMap<>();
    /** The unit each uploaded file belongs to. */
    private final Map<String, String> unitOf = new LinkedHashMap<>();

    /** {@code eventWait}: how long a consumer may take to see what another service published. */
    public DrillYear(PlatformApi api, Duration eventWait) {
        this.api = api;
        this.eventWait = eventWait;
    }

    /** A rubric of two items, one per assessing department, for units of category party-dept. */
    public static String rubric(String code, int year, String title) {
        return """
                {"code":"%s","year":%d,"title":"%s指标体系","categories":["party-dept"],
                 "roots":[{"code":"1","title":"职能职责","points":6,"children":[
                   {"code":"1.1","title":"干部驻村帮扶工作","points":3,"assessingDepartments":["sfpymj"],
                    "rule":{"type":"judged","wording":"根据完成情况计分"}},
                   {"code":"1.2","title":"党员发展和组织生活","points":3,"assessingDepartments":["swzzb"],
                    "rule":{"type":"deduction-per-incident","deductionPerIncident":0.5,
                            "wording":"每发现1起问题扣0.5分，扣完为止"}}]}]}
                """.formatted(code, year, title);
    }

    /** The roster a production install starts without: the category, the two departments, both units (the office). */
    public void enrol() throws Exception {
        status(put("/api/rubric/roster/categories/" + CATEGORY, OFFICE, name("市党群部门")), 200, 201);
        for (Map.Entry<String, String> department : DEPARTMENTS.entrySet()) {
            status(put("/api/rubric/roster/departments/" + department.getKey(), OFFICE, name(department.getValue())), 200, 201);
        }
        for (Map.Entry<String, String> unit : UNIT_NAMES.entrySet()) {
            status(put("/api/rubric/roster/units/" + unit.getKey(), OFFICE, JSON.createObjectNode()
                    .put("name", unit.getValue()).put("category", CATEGORY).toString()), 200, 201);
        }
    }

    /** The office publishes {@link #rubric}; returns once evidence-service and scoring-service know the version. */
    public String publishRubric(String code, int year, String title) throws Exception {
        versionId = status(post("/api/rubric/versions", OFFICE, rubric(code, year, title)), 201).get("id").asText();
        ok(post("/api/rubric/versions/" + versionId + "/publish", OFFICE, null));
        for (String consumer : List.of("/api/evidence/rubric-versions", "/api/scoring/rubric-versions")) {
            Await.until(consumer + " knows version " + versionId, eventWait, () -> {
                for (JsonNode known : ok(get(consumer, OFFICE))) {
                    if (known.get("versionId").asText().equals(versionId)) {
                        return known;
                    }
                }
                return null;
            });
        }
        return versionId;
    }

    /**
     * A cycle of the published rubric for both units, on a clock that runs the year in real time from now (the first
     * quarter open at once, no later timer firing during a drill); returns once scoring-service knows it.
     */
    public JsonNode openCycle(String id, int year, String title) throws Exception {
        cycleId = id;
        ObjectNode request = JSON.createObjectNode().put("cycleId", cycleId).put("year", year).put("title", title)
                .put("rubricVersionId", versionId);
        ArrayNode units = request.putArray("units");
        for (String unit : List.of(SJW, ZJFY)) {
            units.addObject().put("unitCode", unit).put("unitName", UNIT_NAMES.get(unit)).put("category", CATEGORY);
        }
        request.putObject("clock").put("yearIn", "P365D");
        JsonNode opened = Await.until("workflow opens cycle " + cycleId, eventWait, () -> {
            HttpResponse<String> answer = post("/api/workflow/cycles", OFFICE, request.toString());
            // Refused until workflow has learnt of the version over Kafka.
            return answer.statusCode() == 400 && answer.body().contains("rubricVersionId") ? null : status(answer, 201);
        });
        Await.until("scoring knows cycle " + cycleId, eventWait, () -> {
            for (JsonNode known : ok(get("/api/scoring/cycles", OFFICE))) {
                if (cycleId.equals(known.path("cycleId").asText())) {
                    return known;
                }
            }
            return null;
        });
        return opened;
    }

    /** The unit's reporter opens its first-quarter self-assessment once workflow asks for it (the reporter's task). */
    public JsonNode openFirstQuarter(String unit, Duration taskWait) throws Exception {
        awaitTask(reporter(unit), "UserTask_SubmitSelfAssessment", unit, "Q1", taskWait);
        JsonNode assessment = Await.until("evidence-service opens " + unit + " Q1", eventWait, () -> {
            HttpResponse<String> opened = post("/api/evidence/units/" + unit + "/self-assessments", reporter(unit),
                    JSON.createObjectNode().put("cycleId", cycleId).put("period", "Q1").toString());
            return opened.statusCode() == 400 && opened.body().contains("cycleId") ? null : status(opened, 201);
        });
        assessments.put(unit, assessment.get("id").asText());
        return assessment;
    }

    /** The reporter uploads a file for an item of the unit's first quarter, dated the day the quarter opened. */
    public JsonNode upload(String unit, String item, String name, byte[] content, String contentType) throws Exception {
        String evidenceDate = assessment(unit).get("opens").asText();
        String query = "cycleId=" + enc(cycleId) + "&period=Q1&item=" + enc(item) + "&name=" + enc(name)
                + "&evidenceDate=" + evidenceDate;
        JsonNode stored = status(api.upload(reporter(unit), "/api/evidence/units/" + unit + "/files?" + query, content,
                contentType), 201);
        String id = stored.at("/evidence/evidenceId").asText();
        assertThat(stored.at("/evidence/versions/0/sha256").asText()).as("the SHA-256 evidence-service recorded for " + name)
                .isEqualTo(sha256(content));
        uploaded.computeIfAbsent(id, i -> new TreeMap<>()).put(1, sha256(content));
        unitOf.put(id, unit);
        return stored;
    }

    /** The reporter replaces a file with a new version. */
    public JsonNode replace(String unit, String evidenceId, String name, byte[] content, String contentType) throws Exception {
        JsonNode replaced = status(api.upload(reporter(unit), "/api/evidence/files/" + evidenceId + "/versions?name="
                + enc(name), content, contentType), 201);
        uploaded.computeIfAbsent(evidenceId, i -> new TreeMap<>()).put(replaced.get("version").asInt(), sha256(content));
        return replaced;
    }

    /** The reporter drafts both items at full marks, no incident, and prepares it; the unit's head signs it off. */
    public void signOff(String unit, String statement) throws Exception {
        String id = assessments.get(unit);
        ObjectNode draft = JSON.createObjectNode().put("draftVersion", assessment(unit).get("draftVersion").asInt());
        ArrayNode lines = draft.putArray("lines");
        lines.addObject().put("itemCode", "1.1").put("selfScore", 3).put("statement", statement)
                .putObject("measured").put("score", 3).put("reason", "按计划完成驻村帮扶");
        lines.addObject().put("itemCode", "1.2").put("selfScore", 3).put("statement", "Q1组织生活正常开展")
                .putObject("measured").put("incidents", 0);
        JsonNode saved = ok(put("/api/evidence/self-assessments/" + id + "/draft", reporter(unit), draft.toString()));
        String step = JSON.createObjectNode().put("draftVersion", saved.get("draftVersion").asInt()).toString();
        ok(post("/api/evidence/self-assessments/" + id + "/prepare", reporter(unit), step));
        JsonNode signed = ok(post("/api/evidence/self-assessments/" + id + "/sign-off", head(unit), step));
        assertThat(signed.get("status").asText()).isEqualTo("SUBMITTED");
    }

    /** The item's reviewer decides it (ACCEPTED, RETURNED) for the unit's first quarter. */
    public void review(String unit, String item, String decision, String comment) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("version", 1);
        ObjectNode d = body.putArray("decisions").addObject().put("itemCode", item).put("decision", decision);
        if (comment != null) {
            d.put("comment", comment);
        }
        ok(post("/api/evidence/self-assessments/" + assessments.get(unit) + "/reviews", REVIEWER_OF.get(item), body.toString()));
    }

    /** The item's reviewer records a judged score. */
    public void judge(String unit, String item, double score, String reason) throws Exception {
        status(post("/api/scoring/cycles/" + cycleId + "/decisions", REVIEWER_OF.get(item), JSON.createObjectNode()
                .put("unitCode", unit).put("itemCode", item).put("kind", "JUDGED").put("score", score)
                .put("reason", reason).put("source", "季度审核").toString()), 201);
    }

    /** The item's reviewer records a deduction for {@code count} incidents found on {@code date}. */
    public void deduct(String unit, String item, int count, String reason, String date) throws Exception {
        status(post("/api/scoring/cycles/" + cycleId + "/decisions", REVIEWER_OF.get(item), JSON.createObjectNode()
                .put("unitCode", unit).put("itemCode", item).put("kind", "DEDUCTION").put("count", count)
                .put("reason", reason).put("source", "实地检查").put("date", date).toString()), 201);
    }

    /** The unit's first-quarter review tasks in {@code user}'s inbox. */
    public List<JsonNode> reviewTasks(String user, String unit) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        ok(get("/api/workflow/tasks?size=200&type=" + REVIEW + "&period=Q1&cycleId=" + enc(cycleId) + "&unitCode=" + unit,
                user)).get("tasks").forEach(found::add);
        return found;
    }

    public JsonNode awaitTask(String user, String type, String unit, String period, Duration within) throws Exception {
        return Await.until(type + " " + unit + " " + period + " for " + user, within, () -> {
            JsonNode found = ok(get("/api/workflow/tasks?size=200&cycleId=" + enc(cycleId) + "&type=" + type
                    + "&unitCode=" + unit + "&period=" + period, user)).get("tasks");
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Waits until the unit's score sheet (scoring-service's, as the office reads it) holds {@code text}. */
    public void awaitOnSheet(String unit, String text) throws Exception {
        Await.until(unit + "'s sheet holding " + text, eventWait, () ->
                ok(get("/api/scoring/cycles/" + cycleId + "/units/" + unit + "/sheet", OFFICE)).toString().contains(text)
                        ? true : null);
    }

    /**
     * Every answer a drill compares: the cycle, everyone's inbox, each opened self-assessment, its unit's files and
     * each file's versions, the score sheets and decisions, the rubric version, the results.
     */
    public Map<String, JsonNode> read() throws Exception {
        Map<String, JsonNode> read = new LinkedHashMap<>();
        read.put("cycle", ok(get("/api/workflow/cycles/" + cycleId, OFFICE)));
        for (String user : INBOXES) {
            List<String> ids = new ArrayList<>();
            ok(get("/api/workflow/tasks?size=200&cycleId=" + enc(cycleId), user)).get("tasks")
                    .forEach(t -> ids.add(t.get("id").asText() + " " + t.get("type").asText() + " "
                            + t.path("unitCode").asText() + " " + t.path("period").asText()));
            ids.sort(null);
            read.put("inbox of " + user, JSON.valueToTree(ids));
        }
        for (String unit : assessments.keySet()) {
            read.put("assessment " + unit, assessment(unit));
            read.put("files of " + unit, ok(get("/api/evidence/units/" + unit + "/files?cycleId=" + enc(cycleId), reporter(unit))));
            for (JsonNode found : read.get("files of " + unit)) {
                String id = found.get("evidenceId").asText();
                read.put("file " + id, ok(get("/api/evidence/files/" + id, reporter(unit))));
            }
        }
        for (String unit : List.of(SJW, ZJFY)) {
            read.put("sheet of " + unit, ok(get("/api/scoring/cycles/" + cycleId + "/units/" + unit + "/sheet", OFFICE)));
            for (String item : REVIEWER_OF.keySet().stream().sorted().toList()) {
                read.put("decisions " + unit + " " + item, ok(get("/api/scoring/cycles/" + cycleId + "/units/" + unit
                        + "/items/" + item + "/decisions", OFFICE)));
            }
        }
        read.put("rubric version", ok(get("/api/rubric/versions/" + versionId, OFFICE)));
        read.put("results", ok(get("/api/scoring/cycles/" + cycleId + "/results", OFFICE)));
        return read;
    }

    /** A version of an evidence file downloaded by its unit's reporter: the SHA-256 of the bytes received. */
    public String downloadSha256(String unit, String evidenceId, int version) throws Exception {
        HttpResponse<InputStream> response = api.download(reporter(unit), "/api/evidence/files/" + evidenceId
                + "/versions/" + version + "/content");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[65536];
            for (int n; (n = body.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
            }
        }
        assertThat(response.statusCode()).as("download of " + evidenceId + " v" + version).isEqualTo(200);
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * Downloads every version uploaded through {@link #upload} and {@link #replace} by the unit's reporter and checks
     * it against the SHA-256 of the bytes that were sent; returns how many were downloaded.
     */
    public int downloadsEveryUpload() throws Exception {
        int downloads = 0;
        for (Map.Entry<String, Map<Integer, String>> file : uploaded.entrySet()) {
            String unit = unitOf.get(file.getKey());
            for (Map.Entry<Integer, String> version : file.getValue().entrySet()) {
                assertThat(downloadSha256(unit, file.getKey(), version.getKey()))
                        .as("evidence " + file.getKey() + " v" + version.getKey() + " downloaded as uploaded")
                        .isEqualTo(version.getValue());
                downloads++;
            }
        }
        return downloads;
    }

    public String cycleId() {
        return cycleId;
    }

    public String versionId() {
        return versionId;
    }

    public String assessmentId(String unit) {
        return assessments.get(unit);
    }

    /** Every evidence file uploaded, with each version's SHA-256 of the bytes sent. */
    public Map<String, Map<Integer, String>> uploaded() {
        return uploaded;
    }

    public static String reporter(String unit) {
        return "reporter." + unit.substring(3);
    }

    public static String head(String unit) {
        return "head." + unit.substring(3);
    }

    public static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode assessment(String unit) throws Exception {
        return ok(get("/api/evidence/self-assessments/" + assessments.get(unit), reporter(unit)));
    }

    private static String name(String name) {
        return JSON.createObjectNode().put("name", name).toString();
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        return api.get(user, path);
    }

    private HttpResponse<String> post(String path, String user, String json) throws Exception {
        return api.send(user, "POST", path, json);
    }

    private HttpResponse<String> put(String path, String user, String json) throws Exception {
        return api.send(user, "PUT", path, json);
    }

    public static JsonNode ok(HttpResponse<String> response) throws Exception {
        return status(response, 200);
    }

    /** The answer's JSON, once its status is one of {@code expected}. */
    public static JsonNode status(HttpResponse<String> response, int... expected) throws Exception {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri() + " → "
                + response.body()).isIn(java.util.Arrays.stream(expected).boxed().toList());
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
