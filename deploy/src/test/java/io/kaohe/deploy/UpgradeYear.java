package io.kaohe.deploy;

import static io.kaohe.deploy.RunningPlatform.ok;
import static io.kaohe.testsupport.DrillYear.SJW;
import static io.kaohe.testsupport.DrillYear.ZJFY;
import static io.kaohe.testsupport.DrillYear.reporter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.testsupport.Await;
import io.kaohe.testsupport.DrillYear;
import io.kaohe.testsupport.PlatformApi;
import java.io.InputStream;
import java.net.URI;
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
 * The upgrade drill's year, given to the previous release and read back from both through the gateway: test-support's
 * {@link DrillYear} (a rubric of two items published, a cycle for bz-sjw and bz-zjfy on a clock that runs the year in
 * real time), each unit's Q1 self-assessment with two evidence files (one replaced by a second version) signed off,
 * three of the four reviews decided (市扶贫移民局's review of bz-zjfy left open), a judged score and a deduction.
 *
 * <p>Only requests both releases take are sent: what a release answers that the other did not is compared on what
 * the earlier answer had ({@link #compare}).
 */
final class UpgradeYear {

    static final Duration EVENT_WAIT = Duration.ofMinutes(3);
    private static final Duration TASK_WAIT = Duration.ofMinutes(5);
    private static final String TEXT = "text/plain; charset=UTF-8";

    private final Gateway api;
    private final DrillYear year;
    private final String stamp = Long.toString(System.currentTimeMillis(), 36);
    /** Every evidence file's id with its owner, its versions' SHA-256 as evidence-service recorded them. */
    final Map<String, Map<Integer, String>> evidence = new LinkedHashMap<>();
    private final Map<String, String> owners = new HashMap<>();

    UpgradeYear(String gateway, String issuer) {
        this.api = new Gateway(gateway, issuer);
        this.year = new DrillYear(api, EVENT_WAIT);
    }

    /** Forgets the tokens: a new release's Keycloak is asked again. */
    void newRelease() {
        api.forgetTokens();
    }

    /** Gives the year (see the class comment) and waits until the three reviews are through and one is left open. */
    void give() throws Exception {
        int calendarYear = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        year.publishRubric("upgrade-" + stamp, calendarYear, "升级演练");
        year.openCycle("upgrade-" + stamp, calendarYear, calendarYear + "年度升级演练");

        // Each unit's reporter drafts the first quarter with two evidence files (one replaced by a second version),
        // the head signs it off.
        for (String unit : List.of(SJW, ZJFY)) {
            year.openFirstQuarter(unit, TASK_WAIT);
            JsonNode ledger = upload(unit, "1.1", unit + "-Q1-驻村帮扶台账.txt",
                    "Q1 驻村帮扶工作台账（" + unit + "）：走访贫困户12户，落实帮扶措施8项。");
            if (unit.equals(SJW)) {
                JsonNode replaced = year.replace(unit, ledger.at("/evidence/evidenceId").asText(),
                        unit + "-Q1-驻村帮扶台账-修订.txt", ("Q1 驻村帮扶工作台账（修订）：走访贫困户14户，落实帮扶措施9项。" + stamp)
                                .getBytes(StandardCharsets.UTF_8), TEXT);
                assertThat(replaced.get("version").asInt()).isEqualTo(2);
            }
            upload(unit, "1.2", unit + "-Q1-组织生活记录.txt",
                    "Q1 三会一课记录（" + unit + "）：支部党员大会1次，支委会3次，党小组会6次，党课1次。");
            year.signOff(unit, "Q1驻村帮扶按计划完成，见台账");
        }

        // Both departments review bz-sjw and accept; 市委组织部 accepts bz-zjfy, whose review by 市扶贫移民局 is left open
        // in that department's inbox for the new release to finish.
        for (String unit : List.of(SJW, ZJFY)) {
            for (String reviewer : List.of("reviewer.fpymj", "reviewer.swzzb")) {
                year.awaitTask(reviewer, DrillYear.REVIEW, unit, "Q1", EVENT_WAIT);
            }
        }
        year.review(SJW, "1.1", "ACCEPTED", "台账齐全");
        year.review(SJW, "1.2", "ACCEPTED", null);
        year.review(ZJFY, "1.2", "ACCEPTED", null);
        // Scoring decisions: a judged score for bz-sjw, a deduction for one incident at bz-zjfy.
        year.judge(SJW, "1.1", 3, "驻村帮扶成效明显");
        year.deduct(ZJFY, "1.2", 1, "第二党支部三会一课记录不全", calendarYear + "-03-15");
        Await.until("bz-sjw's Q1 reviewed and bz-zjfy's left to 市扶贫移民局", EVENT_WAIT, () ->
                year.reviewTasks("reviewer.fpymj", SJW).isEmpty() && year.reviewTasks("reviewer.swzzb", SJW).isEmpty()
                        && year.reviewTasks("reviewer.swzzb", ZJFY).isEmpty()
                        && year.reviewTasks("reviewer.fpymj", ZJFY).size() == 1 ? true : null);
    }

    /**
     * The year carries on under the new release: 市扶贫移民局 decides the review the previous release left open and the
     * task leaves its inbox (evidence → Kafka → workflow), a new file is stored, a judged score reaches the unit's sheet.
     * Returns the new file's id.
     */
    String carryOn(String text) throws Exception {
        year.review(ZJFY, "1.1", "ACCEPTED", "升级后审核");
        Await.until("bz-zjfy's Q1 review closed by the new release", EVENT_WAIT, () ->
                year.reviewTasks("reviewer.fpymj", ZJFY).isEmpty() ? true : null);
        String addedId = upload(SJW, "1.1", SJW + "-Q1-升级后补充.txt", text).at("/evidence/evidenceId").asText();
        owners.put(addedId, SJW);
        year.judge(ZJFY, "1.1", 2, "驻村帮扶记录不全");
        year.awaitOnSheet(ZJFY, "驻村帮扶记录不全");
        return addedId;
    }

    /**
     * Every answer the drill compares across the upgrade ({@link DrillYear#read}); notes each file's versions as
     * evidence-service recorded them the first time it is read.
     */
    Map<String, JsonNode> read() throws Exception {
        Map<String, JsonNode> read = year.read();
        for (String unit : List.of(SJW, ZJFY)) {
            for (JsonNode found : read.get("files of " + unit)) {
                String id = found.get("evidenceId").asText();
                Map<Integer, String> versions = new TreeMap<>();
                read.get("file " + id).get("versions").forEach(v -> versions.put(v.get("version").asInt(),
                        v.get("sha256").asText()));
                evidence.putIfAbsent(id, versions);
                owners.put(id, unit);
            }
        }
        return read;
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
        HttpResponse<InputStream> response = api.download(reporter(owners.getOrDefault(evidenceId, SJW)),
                "/api/evidence/files/" + evidenceId + "/versions/" + version + "/content");
        byte[] content;
        try (InputStream body = response.body()) {
            content = body.readAllBytes();
        }
        assertThat(response.statusCode()).as("download of " + evidenceId + " v" + version).isEqualTo(200);
        return content;
    }

    /** The file's record as evidence-service answers it now. */
    JsonNode file(String evidenceId) throws Exception {
        return ok(api.get(reporter(owners.getOrDefault(evidenceId, SJW)), "/api/evidence/files/" + evidenceId));
    }

    /** The audit chain verified by the audit administrator: the number of records it covered. */
    long verifyAudit() throws Exception {
        JsonNode verified = ok(api.send("auditor", "POST", "/api/audit/verification", null)).get("result");
        assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
        return verified.get("verifiedCount").asLong();
    }

    private JsonNode upload(String unit, String item, String name, String text) throws Exception {
        return year.upload(unit, item, name, text.getBytes(StandardCharsets.UTF_8), TEXT);
    }

    /** The running release's gateway, each request with a bearer token of the user from the release's Keycloak. */
    private static final class Gateway implements PlatformApi {

        private final String gateway;
        private final String issuer;
        private final Map<String, String[]> tokens = new HashMap<>();

        Gateway(String gateway, String issuer) {
            this.gateway = gateway;
            this.issuer = issuer;
        }

        void forgetTokens() {
            synchronized (tokens) {
                tokens.clear();
            }
        }

        @Override
        public HttpResponse<String> get(String user, String path) throws Exception {
            return RunningPlatform.get(gateway + path, token(user));
        }

        @Override
        public HttpResponse<String> send(String user, String method, String path, String json) throws Exception {
            return switch (method) {
                case "POST" -> RunningPlatform.post(gateway + path, token(user), json);
                case "PUT" -> RunningPlatform.put(gateway + path, token(user), json);
                default -> throw new IllegalArgumentException("no " + method + " in the drill's year");
            };
        }

        @Override
        public HttpResponse<String> upload(String user, String path, byte[] content, String contentType) throws Exception {
            return RunningPlatform.HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path))
                    .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token(user))
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public HttpResponse<InputStream> download(String user, String path) throws Exception {
            return RunningPlatform.HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path))
                    .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token(user)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
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
    }
}
