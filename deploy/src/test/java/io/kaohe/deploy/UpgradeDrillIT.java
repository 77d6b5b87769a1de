package io.kaohe.deploy;

import static io.kaohe.deploy.HaDrills.await;
import static io.kaohe.deploy.RunningPlatform.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaohe.servers.PostgresServer;
import io.kaohe.servers.Readiness;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The upgrade drill ({@code deploy/bin/upgrade-drill}): the previous release's launcher, built from its own commit in a
 * worktree of its own ({@code -Dkaohe.upgrade.previous=DIR}), starts on a fresh data folder and is given a year
 * through the API (a rubric published, a cycle opened, both demo units' first-quarter self-assessments with evidence
 * files and a replaced version, reviews, scoring decisions, one review left open); it is stopped cleanly, and with
 * PostgreSQL started alone on its data every table of every database (the six services' and Keycloak's) is
 * recorded: its rows, each row's digest, the Flyway histories and Camunda's schema change log; the bucket's objects
 * with their SHA-256. Then this tree's launcher starts on the same data folder, and the drill checks that every
 * service started, which migrations ran, that no table lost a row and no earlier row changed (apart from tables a
 * new migration touched and the few that a start rewrites, each named with why), that every object is there as it
 * was and downloads through the API with its SHA-256, that the year reads back through the API as it did before
 * the stop, that the audit chain verifies, and that the year carries on: the open review is decided, the task
 * leaves the department's inbox, a new file is stored, a decision is scored.
 *
 * <p>Not part of {@code ./mvnw verify} (deploy/pom.xml excludes it): it builds and starts two releases.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeDrillIT {

    /** 3000 by default ({@code -Dkaohe.upgrade.offset=N}). */
    static final int OFFSET = Integer.getInteger("kaohe.upgrade.offset", 3000);
    static final Ports PORTS = new Ports(OFFSET);
    static final String GATEWAY = "http://127.0.0.1:" + PORTS.gateway();
    static final String ISSUER = "http://127.0.0.1:" + PORTS.keycloak() + "/realms/kaohe";
    private static final Duration EVENT_WAIT = Duration.ofMinutes(3);
    private static final Duration TASK_WAIT = Duration.ofMinutes(5);
    private static final String SJW = "bz-sjw";
    private static final String ZJFY = "bz-zjfy";
    private static final Map<String, String> UNIT_NAMES = Map.of(SJW, "市纪委（监察局）", ZJFY, "市中级法院");
    private static final List<String> INBOXES = List.of("office", "reporter.sjw", "head.sjw", "reporter.zjfy", "head.zjfy",
            "reviewer.fpymj", "reviewer.swzzb");
    /**
     * Tables a start of the platform rewrites by design, with the reason: their earlier rows are not held to be
     * unchanged (their row counts still may not drop).
     */
    private static final Map<String, String> REWRITTEN_ON_START = new LinkedHashMap<>();

    static {
        // What the first runs found changed, each looked at (a "*" stands for any database).
        REWRITTEN_ON_START.put("*.public.shedlock", "ShedLock writes its lock row (lock_until, locked_at, locked_by) at "
                + "every run of a scheduled job");
        REWRITTEN_ON_START.put("audit.public.import_cursor", "audit-service's import of Keycloak's events sets moved_at at "
                + "every poll, and position as Keycloak's new events come (the services' own logins as they start)");
        REWRITTEN_ON_START.put("keycloak.public.server_config", "Keycloak counts its starts in JGROUPS_ADDRESS_SEQUENCE");
    }

    private static String rewrittenOnStart(String table) {
        String exact = REWRITTEN_ON_START.get(table);
        return exact != null ? exact : REWRITTEN_ON_START.get("*" + table.substring(table.indexOf('.')));
    }

    private static Path root;
    private static Path previous;
    private static Path data;
    private static String previousName;
    private static String currentName;
    private static Launched running;
    private static Launched previousRun;
    private static Launched currentRun;

    private static String versionId;
    private static String cycleId;
    private static int year;
    /** Self-assessment id per unit. */
    private static final Map<String, String> assessments = new HashMap<>();
    /** Every evidence file's id; its versions' SHA-256 as evidence-service recorded them. */
    private static final Map<String, Map<Integer, String>> evidence = new LinkedHashMap<>();
    /** What the API answered before the stop, by what was asked. */
    private static final Map<String, JsonNode> readBefore = new LinkedHashMap<>();
    private static long auditVerifiedBefore;
    private static Snapshot before;
    private static Snapshot after;
    /** The steps so far passed: each step needs the one before (JUnit runs the next even when one failed). */
    private static int passed;

    @BeforeAll
    static void paths() throws IOException {
        root = RunningPlatform.root();
        String given = System.getProperty("kaohe.upgrade.previous");
        assertThat(given).as("-Dkaohe.upgrade.previous=DIR (the previous release, built): deploy/bin/upgrade-drill sets it")
                .isNotBlank();
        previous = Path.of(given).toAbsolutePath().normalize();
        assertThat(previous.resolve("deploy/target/platform-launcher.jar")).as("the previous release's launcher").isRegularFile();
        previousName = System.getProperty("kaohe.upgrade.previous-ref", previous.getFileName().toString());
        currentName = System.getProperty("kaohe.upgrade.current-ref", "this tree");
        data = root.resolve("deploy/target/upgrade-data-" + OFFSET);
        deleteTree(data);
        List<Integer> busy = List.of(PORTS.gateway(), PORTS.keycloak(), PORTS.postgres(), PORTS.kafka(), PORTS.objectStore(),
                PORTS.mailSmtp(), PORTS.rubric(), PORTS.workflow()).stream()
                .filter(port -> Readiness.portOpen("127.0.0.1", port)).toList();
        assertThat(busy).as("ports the drill's platform at offset " + OFFSET + " needs are taken (-Dkaohe.upgrade.offset=N)")
                .isEmpty();
    }

    @AfterAll
    static void stopWhatRuns() {
        if (running != null) {
            running.stop();
        }
    }

    @Test
    @Order(1)
    void thePreviousReleaseStartsOnAFreshDataFolderAndIsGivenAYear() throws Exception {
        previousRun = Launched.start("previous release " + previousName, previous, data);
        running = previousRun;
        year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        String stamp = Long.toString(System.currentTimeMillis(), 36);

        // The office publishes a rubric of two items, one per assessing department.
        String rubric = """
                {"code":"upgrade-%s","year":%d,"title":"升级演练指标体系","categories":["party-dept"],
                 "roots":[{"code":"1","title":"职能职责","points":6,"children":[
                   {"code":"1.1","title":"干部驻村帮扶工作","points":3,"assessingDepartments":["sfpymj"],
                    "rule":{"type":"judged","wording":"根据完成情况计分"}},
                   {"code":"1.2","title":"党员发展和组织生活","points":3,"assessingDepartments":["swzzb"],
                    "rule":{"type":"deduction-per-incident","deductionPerIncident":0.5,
                            "wording":"每发现1起问题扣0.5分，扣完为止"}}]}]}
                """.formatted(stamp, year);
        versionId = status(post("/api/rubric/versions", "office", rubric), 201).get("id").asText();
        ok(post("/api/rubric/versions/" + versionId + "/publish", "office", null));
        for (String consumer : List.of("/api/evidence/rubric-versions", "/api/scoring/rubric-versions")) {
            await(consumer + " knows version " + versionId, EVENT_WAIT, () -> {
                for (JsonNode known : ok(get(consumer, "office"))) {
                    if (known.get("versionId").asText().equals(versionId)) {
                        return known;
                    }
                }
                return null;
            });
        }

        // A cycle of it for both demo units, on a clock that runs the year in real time from now: the first quarter
        // is open at once and no later timer fires during the drill.
        cycleId = "upgrade-" + stamp;
        ObjectNode request = JSON.createObjectNode().put("cycleId", cycleId).put("year", year)
                .put("title", year + "年度升级演练").put("rubricVersionId", versionId);
        ArrayNode units = request.putArray("units");
        for (String unit : List.of(SJW, ZJFY)) {
            units.addObject().put("unitCode", unit).put("unitName", UNIT_NAMES.get(unit)).put("category", "party-dept");
        }
        request.putObject("clock").put("yearIn", "P365D");
        await("workflow opens cycle " + cycleId, EVENT_WAIT, () -> {
            HttpResponse<String> opened = post("/api/workflow/cycles", "office", request.toString());
            if (opened.statusCode() == 400 && opened.body().contains("rubricVersionId")) {
                return null;
            }
            return status(opened, 201);
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
            awaitTask(reporter(unit), "UserTask_SubmitSelfAssessment", unit, "Q1", TASK_WAIT);
            JsonNode assessment = await("evidence-service opens " + unit + " Q1", EVENT_WAIT, () -> {
                HttpResponse<String> opened = post("/api/evidence/units/" + unit + "/self-assessments", reporter(unit),
                        JSON.createObjectNode().put("cycleId", cycleId).put("period", "Q1").toString());
                return opened.statusCode() == 400 && opened.body().contains("cycleId") ? null : status(opened, 201);
            });
            String id = assessment.get("id").asText();
            assessments.put(unit, id);
            String evidenceDate = assessment.get("opens").asText();
            JsonNode ledger = upload(unit, "1.1", evidenceDate, unit + "-Q1-驻村帮扶台账.txt",
                    "Q1 驻村帮扶工作台账（" + unit + "）：走访贫困户12户，落实帮扶措施8项。");
            String ledgerId = ledger.at("/evidence/evidenceId").asText();
            if (unit.equals(SJW)) {
                JsonNode replaced = status(sendBytes("/api/evidence/files/" + ledgerId + "/versions?name="
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
                awaitTask(reviewer, "UserTask_ReviewSelfAssessment", unit, "Q1", EVENT_WAIT);
            }
        }
        review(assessments.get(SJW), "1.1", "reviewer.fpymj", "ACCEPTED", "台账齐全");
        review(assessments.get(SJW), "1.2", "reviewer.swzzb", "ACCEPTED", null);
        review(assessments.get(ZJFY), "1.2", "reviewer.swzzb", "ACCEPTED", null);
        // Scoring decisions: a judged score for bz-sjw, a deduction for one incident at bz-zjfy.
        status(post("/api/scoring/cycles/" + cycleId + "/decisions", "reviewer.fpymj", JSON.createObjectNode()
                .put("unitCode", SJW).put("itemCode", "1.1").put("kind", "JUDGED").put("score", 3)
                .put("reason", "驻村帮扶成效明显").put("source", "季度审核").toString()), 201);
        status(post("/api/scoring/cycles/" + cycleId + "/decisions", "reviewer.swzzb", JSON.createObjectNode()
                .put("unitCode", ZJFY).put("itemCode", "1.2").put("kind", "DEDUCTION").put("count", 1)
                .put("reason", "第二党支部三会一课记录不全").put("source", "实地检查").put("date", year + "-03-15").toString()), 201);

        await("bz-sjw's Q1 reviewed and bz-zjfy's left to 市扶贫移民局", EVENT_WAIT, () ->
                tasks("reviewer.fpymj", SJW).isEmpty() && tasks("reviewer.swzzb", SJW).isEmpty()
                        && tasks("reviewer.swzzb", ZJFY).isEmpty() && tasks("reviewer.fpymj", ZJFY).size() == 1 ? true : null);

        // What the API answers now, to be asked again of the new release.
        readTheYear(readBefore);
        for (Map.Entry<String, Map<Integer, String>> file : evidence.entrySet()) {
            for (Map.Entry<Integer, String> version : file.getValue().entrySet()) {
                assertThat(downloadSha256(file.getKey(), version.getKey())).as(file.getKey() + " v" + version.getKey())
                        .isEqualTo(version.getValue());
            }
        }
        JsonNode verified = ok(post("/api/audit/verification", "auditor", null)).get("result");
        assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
        auditVerifiedBefore = verified.get("verifiedCount").asLong();
        assertThat(auditVerifiedBefore).isPositive();
        settled("the previous release");
        passed = 1;
    }

    @Test
    @Order(2)
    void itStopsCleanlyAndEveryTableAndObjectIsRecorded() throws Exception {
        assumeTrue(passed == 1, "the previous release was not given its year");
        previousRun.stop();
        running = null;
        try (PostgresServer pg = PostgresServer.start(data.resolve("postgres"), PORTS.postgres(), data.resolve("logs"))) {
            before = Snapshot.take(pg.port(), data);
        }
        for (String database : LocalPlatform.DATABASES) {
            long business = before.tables().entrySet().stream()
                    .filter(t -> t.getKey().startsWith(database + ".") && !t.getKey().contains("flyway_"))
                    .mapToLong(t -> t.getValue().rows()).sum();
            assertThat(business).as("rows in database " + database + " besides its migration history").isPositive();
        }
        assertThat(before.objects()).as("objects in the bucket").hasSizeGreaterThanOrEqualTo(5);
        System.out.printf("Recorded from %s: %d tables, %d rows, %d objects (%d bytes)%n", previousName,
                before.tables().size(), before.rows(), before.objects().size(), before.objectBytes());
        passed = 2;
    }

    @Test
    @Order(3)
    void thisReleaseStartsOnTheSameDataAndNothingIsLost() throws Exception {
        assumeTrue(passed == 2, "the previous release's data was not recorded");
        currentRun = Launched.start("this release (" + currentName + ")", root, data);
        running = currentRun;
        // Before any request: the requests themselves write (audit records of downloads, the office's logins).
        after = Snapshot.take(PORTS.postgres(), data);

        // Which migrations ran: the history rows the start added.
        List<String> applied = new ArrayList<>();
        for (Map.Entry<String, List<String>> history : after.migrations().entrySet()) {
            List<String> earlier = before.migrations().getOrDefault(history.getKey(), List.of());
            assertThat(history.getValue()).as(history.getKey() + ": every earlier migration still recorded").containsAll(earlier);
            for (String row : history.getValue()) {
                if (!earlier.contains(row)) {
                    applied.add(history.getKey() + " " + row);
                    assertThat(row).as("a migration that failed: " + history.getKey()).doesNotContain("success=false");
                }
            }
        }
        List<String> changeLogRan = new ArrayList<>(after.changeLog());
        changeLogRan.removeAll(before.changeLog());
        assertThat(after.changeLog()).as("Camunda's schema change log keeps every earlier change set").containsAll(before.changeLog());
        assertThat(after.changeLog()).as("Camunda's schema change log").isNotEmpty();

        // Tables: none gone, none with fewer rows; every earlier row unchanged where no migration and no start
        // rewrites it.
        Set<String> touched = touchedByNewMigrations(applied);
        List<String> problems = new ArrayList<>();
        int unchangedTables = 0;
        for (Map.Entry<String, Table> t : before.tables().entrySet()) {
            Table then = t.getValue();
            Table now = after.tables().get(t.getKey());
            if (now == null) {
                problems.add(t.getKey() + ": table gone");
                continue;
            }
            if (now.rows() < then.rows()) {
                problems.add(t.getKey() + ": " + then.rows() + " rows before, " + now.rows() + " after");
            }
            long missing = then.missingFrom(now);
            if (missing == 0) {
                unchangedTables++;
            } else {
                String why = touched.contains(t.getKey()) ? "a new migration touched it"
                        : rewrittenOnStart(t.getKey());
                String line = t.getKey() + ": " + missing + " of " + then.rows() + " earlier rows changed or gone";
                if (why == null) {
                    problems.add(line);
                } else {
                    System.out.println("  (allowed) " + line + " — " + why);
                }
            }
        }
        assertThat(problems).as("tables that lost or changed earlier rows across the upgrade").isEmpty();

        // The bucket: every object there, byte for byte.
        for (Map.Entry<String, String> object : before.objects().entrySet()) {
            assertThat(after.objects().get(object.getKey())).as("object " + object.getKey()).isEqualTo(object.getValue());
        }

        // The year through the API, as it answered before the stop.
        Map<String, JsonNode> readAfter = new LinkedHashMap<>();
        readTheYear(readAfter);
        for (Map.Entry<String, JsonNode> read : readBefore.entrySet()) {
            assertThat(readAfter.get(read.getKey())).as(read.getKey()).isEqualTo(read.getValue());
        }
        int downloads = 0;
        for (Map.Entry<String, Map<Integer, String>> file : evidence.entrySet()) {
            for (Map.Entry<Integer, String> version : file.getValue().entrySet()) {
                assertThat(downloadSha256(file.getKey(), version.getKey())).as(file.getKey() + " v" + version.getKey())
                        .isEqualTo(version.getValue());
                downloads++;
            }
        }
        JsonNode verified = ok(post("/api/audit/verification", "auditor", null)).get("result");
        assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("verifiedCount").asLong()).isGreaterThan(auditVerifiedBefore);

        // The year carries on: 市扶贫移民局 decides the review the previous release left open and the task leaves its
        // inbox (evidence → Kafka → workflow), a new file is stored and read back, a judged score is recorded.
        review(assessments.get(ZJFY), "1.1", "reviewer.fpymj", "ACCEPTED", "升级后审核");
        await("bz-zjfy's Q1 review closed by the new release", EVENT_WAIT, () ->
                tasks("reviewer.fpymj", ZJFY).isEmpty() ? true : null);
        JsonNode added = upload(SJW, "1.1", readBefore.get("assessment " + SJW).get("opens").asText(),
                SJW + "-Q1-升级后补充.txt", "升级后补充材料：走访记录扫描件目录。");
        String addedId = added.at("/evidence/evidenceId").asText();
        assertThat(downloadSha256(addedId, 1)).isEqualTo(added.at("/evidence/versions/0/sha256").asText());
        status(post("/api/scoring/cycles/" + cycleId + "/decisions", "reviewer.fpymj", JSON.createObjectNode()
                .put("unitCode", ZJFY).put("itemCode", "1.1").put("kind", "JUDGED").put("score", 2)
                .put("reason", "驻村帮扶记录不全").put("source", "季度审核").toString()), 201);
        await("bz-zjfy's judged score on its sheet", EVENT_WAIT, () ->
                ok(get("/api/scoring/cycles/" + cycleId + "/units/" + ZJFY + "/sheet", "office")).toString()
                        .contains("驻村帮扶记录不全") ? true : null);
        JsonNode again = ok(post("/api/audit/verification", "auditor", null)).get("result");
        assertThat(again.get("intact").asBoolean()).as(again.toString()).isTrue();

        System.out.println("  Flyway migrations applied by the upgrade: " + (applied.isEmpty() ? "none" : applied));
        System.out.println("  Camunda change sets run by the upgrade: " + (changeLogRan.isEmpty() ? "none" : changeLogRan)
                + "; recorded: " + after.changeLog().size() + ", last " + after.changeLog().get(after.changeLog().size() - 1));
        System.out.printf("Upgrade drill %s → %s: %d tables in %d databases compared (%d rows before, %d after, none lost; "
                        + "%d tables unchanged row for row), %d objects (%d bytes) identical, %d downloads through the API "
                        + "with their SHA-256, audit chain intact (%d records), migrations applied: %d Flyway + %d Camunda "
                        + "change sets; start-up %s %d s, %s on its data %d s%n",
                previousName, currentName, before.tables().size(), LocalPlatform.DATABASES.size(), before.rows(),
                after.rows(), unchangedTables, before.objects().size(), before.objectBytes(), downloads,
                verified.get("verifiedCount").asLong(), applied.size(), changeLogRan.size(), previousName,
                previousRun.startSeconds(), currentName, currentRun.startSeconds());
        System.out.println("  start-up of " + previousName + ": " + previousRun.startLine());
        System.out.println("  start-up of " + currentName + ": " + currentRun.startLine());
        currentRun.stop();
        running = null;
    }

    // ------------------------------------------------------------------------------------ the year through the API

    /** Every answer the drill compares across the upgrade: the cycle, the inboxes, the assessments, the files, the scores. */
    private static void readTheYear(Map<String, JsonNode> into) throws Exception {
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
            }
        }
        into.put("rubric version", ok(get("/api/rubric/versions/" + versionId, "office")));
        into.put("results", ok(get("/api/scoring/cycles/" + cycleId + "/results", "office")));
    }

    private static String downloadSha256(String evidenceId, int version) throws Exception {
        String owner = null;
        for (Map.Entry<String, JsonNode> read : readBefore.entrySet()) {
            if (read.getKey().equals("file " + evidenceId)) {
                owner = read.getValue().get("unitCode").asText();
            }
        }
        HttpResponse<InputStream> response = RunningPlatform.HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY
                        + "/api/evidence/files/" + evidenceId + "/versions/" + version + "/content"))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token(reporter(owner == null ? SJW : owner)))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
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

    private static JsonNode upload(String unit, String item, String evidenceDate, String name, String text) throws Exception {
        String query = "cycleId=" + enc(cycleId) + "&period=Q1&item=" + enc(item) + "&name=" + enc(name)
                + "&evidenceDate=" + evidenceDate;
        return status(sendBytes("/api/evidence/units/" + unit + "/files?" + query, reporter(unit),
                text.getBytes(StandardCharsets.UTF_8)), 201);
    }

    private static HttpResponse<String> sendBytes(String path, String user, byte[] body) throws Exception {
        return RunningPlatform.HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token(user)).header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void review(String id, String item, String reviewer, String decision, String comment) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("version", 1);
        ObjectNode d = body.putArray("decisions").addObject().put("itemCode", item).put("decision", decision);
        if (comment != null) {
            d.put("comment", comment);
        }
        ok(post("/api/evidence/self-assessments/" + id + "/reviews", reviewer, body.toString()));
    }

    private static List<JsonNode> tasks(String user, String unit) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        ok(get("/api/workflow/tasks?size=200&type=UserTask_ReviewSelfAssessment&period=Q1&cycleId=" + enc(cycleId)
                + "&unitCode=" + unit, user)).get("tasks").forEach(found::add);
        return found;
    }

    private static JsonNode awaitTask(String user, String type, String unit, String period, Duration within) throws Exception {
        return await(type + " " + unit + " " + period + " for " + user, within, () -> {
            JsonNode found = ok(get("/api/workflow/tasks?size=200&cycleId=" + enc(cycleId) + "&type=" + type
                    + "&unitCode=" + unit + "&period=" + period, user)).get("tasks");
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /**
     * Waits until every service's outbox is empty (no event publication without its completion) and no table's row
     * count moved for 15 s: the consumers (audit records, notifications, projections) have caught up.
     */
    private static void settled(String what) throws Exception {
        long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
        Map<String, Long> last = null;
        long quietSince = System.nanoTime();
        while (true) {
            Map<String, Long> counts = new TreeMap<>();
            long pending = 0;
            for (String database : LocalPlatform.DATABASES) {
                try (Connection c = connect(PORTS.postgres(), database); Statement s = c.createStatement()) {
                    for (String table : Snapshot.tables(c)) {
                        try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                            rs.next();
                            counts.put(database + "." + table, rs.getLong(1));
                        }
                        if (table.equals("public.event_publication")) {
                            try (ResultSet rs = s.executeQuery(
                                    "select count(*) from public.event_publication where completion_date is null")) {
                                rs.next();
                                pending += rs.getLong(1);
                            }
                        }
                    }
                }
            }
            if (!counts.equals(last) || pending > 0) {
                last = counts;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(15).toNanos()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not settle in " + EVENT_WAIT.toMinutes() + " min (" + pending
                        + " events unpublished)");
            }
            Thread.sleep(2_000);
        }
    }

    // ------------------------------------------------------------------------------------ the databases and the bucket

    /** A table's row count and its rows' digests (md5 of each row's text form), as a sorted multiset. */
    record Table(long rows, List<String> digests) {

        /** How many of these rows are not among {@code now}'s (each row counted once per copy). */
        long missingFrom(Table now) {
            Map<String, Integer> left = new HashMap<>();
            now.digests().forEach(d -> left.merge(d, 1, Integer::sum));
            long missing = 0;
            for (String d : digests) {
                Integer n = left.get(d);
                if (n == null || n == 0) {
                    missing++;
                } else {
                    left.put(d, n - 1);
                }
            }
            return missing;
        }
    }

    /**
     * Every table of every database ("database.schema.table"), the migration histories, Camunda's schema change log,
     * the bucket's objects by path with their SHA-256.
     */
    record Snapshot(Map<String, Table> tables, Map<String, List<String>> migrations, List<String> changeLog,
                    Map<String, String> objects, long objectBytes) {

        long rows() {
            return tables.values().stream().mapToLong(Table::rows).sum();
        }

        static Snapshot take(int port, Path data) throws Exception {
            Map<String, Table> tables = new TreeMap<>();
            Map<String, List<String>> migrations = new TreeMap<>();
            List<String> changeLog = new ArrayList<>();
            for (String database : LocalPlatform.DATABASES) {
                try (Connection c = connect(port, database); Statement s = c.createStatement()) {
                    for (String table : tables(c)) {
                        List<String> digests = new ArrayList<>();
                        try (ResultSet rs = s.executeQuery("select md5(t::text) from " + table + " t")) {
                            while (rs.next()) {
                                digests.add(rs.getString(1));
                            }
                        }
                        digests.sort(null);
                        tables.put(database + "." + table, new Table(digests.size(), digests));
                        String name = table.substring(table.indexOf('.') + 1);
                        if (name.startsWith("flyway_") && name.endsWith("_history")) {
                            List<String> rows = new ArrayList<>();
                            try (ResultSet rs = s.executeQuery("select version, description, success from " + table
                                    + " order by installed_rank")) {
                                while (rs.next()) {
                                    rows.add("V" + rs.getString(1) + " " + rs.getString(2) + " success=" + rs.getBoolean(3));
                                }
                            }
                            migrations.put(database + "." + name, rows);
                        }
                        if (database.equals("workflow") && name.equals("camunda_schema_changelog")) {
                            try (ResultSet rs = s.executeQuery("select id, coalesce(tag, '') from " + table
                                    + " order by orderexecuted")) {
                                while (rs.next()) {
                                    changeLog.add(rs.getString(1) + (rs.getString(2).isEmpty() ? "" : " (" + rs.getString(2) + ")"));
                                }
                            }
                        }
                    }
                }
            }
            Map<String, String> objects = new TreeMap<>();
            long bytes = 0;
            Path blobs = data.resolve("s3/blobs");
            if (Files.isDirectory(blobs)) {
                try (var files = Files.walk(blobs)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        objects.put(blobs.relativize(file).toString(), sha256(file));
                        bytes += Files.size(file);
                    }
                }
            }
            return new Snapshot(tables, migrations, changeLog, objects, bytes);
        }

        /** The database's own tables ("schema.table", quoted), the system catalogues left out. */
        static List<String> tables(Connection c) throws SQLException {
            List<String> names = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    select table_schema, table_name from information_schema.tables
                    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
                    order by 1, 2""")) {
                while (rs.next()) {
                    names.add(quote(rs.getString(1)) + "." + quote(rs.getString(2)));
                }
            }
            return names;
        }

        private static String quote(String identifier) {
            return identifier.matches("[a-z_][a-z0-9_]*") ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
        }
    }

    private static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, PostgresServer.SUPERUSER, "");
    }

    /**
     * The tables ("database.public.table") the SQL of the new migrations names after an alter, update, insert, delete,
     * truncate or drop: each history's migrations are this tree's files (service-support's db/platform for
     * flyway_platform_history, the service's own db/migration for flyway_schema_history).
     */
    private static Set<String> touchedByNewMigrations(List<String> applied) throws IOException {
        Set<String> touched = new TreeSet<>();
        Pattern statement = Pattern.compile("(?i)(?:alter\\s+table|update|insert\\s+into|delete\\s+from|truncate|drop\\s+table)"
                + "\\s+(?:if\\s+exists\\s+|only\\s+)?([a-z_][a-z0-9_.]*)");
        for (String migration : applied) {
            String database = migration.substring(0, migration.indexOf('.'));
            String history = migration.substring(migration.indexOf('.') + 1, migration.indexOf(' '));
            String version = migration.split(" ")[1].replace('.', '_');
            Path folder = history.equals("flyway_platform_history") ? root.resolve("service-support/src/main/resources/db/platform")
                    : root.resolve(java.util.Arrays.stream(App.values()).filter(a -> database.equals(a.database)).findFirst()
                            .orElseThrow().module + "/src/main/resources/db/migration");
            List<Path> files;
            try (var listed = Files.list(folder)) {
                files = listed.filter(p -> p.getFileName().toString().startsWith(version + "__")).toList();
            }
            assertThat(files).as("the file of migration " + migration + " in " + folder).hasSize(1);
            Matcher m = statement.matcher(Files.readString(files.get(0)));
            while (m.find()) {
                String table = m.group(1).toLowerCase();
                touched.add(database + "." + (table.contains(".") ? table : "public." + table));
            }
        }
        return touched;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    // ------------------------------------------------------------------------------------ the launchers

    /** A launcher started as {@code ./platform} would be, its output in deploy/target. */
    record Launched(String name, Process process, Path output, long startSeconds, String startLine) {

        static Launched start(String name, Path tree, Path data) throws Exception {
            Path output = root.resolve("deploy/target/upgrade-" + (tree.equals(root) ? "current" : "previous") + "-"
                    + OFFSET + ".out");
            Files.createDirectories(output.getParent());
            long t = System.nanoTime();
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    tree.resolve("deploy/target/platform-launcher.jar").toString(), "--data-dir=" + data,
                    "--port-offset=" + OFFSET, "--runtimes-dir=" + root.resolve("target/keycloak"))
                    .directory(tree.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            Launched launched = new Launched(name, process, output, 0, "");
            Runtime.getRuntime().addShutdownHook(new Thread(launched::stop, "stop-upgrade-platform"));
            int minutes = Integer.getInteger("kaohe.upgrade.start-minutes", 12);
            long deadline = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
            while (!Files.readString(output).contains("is up")) {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " did not start on " + data + ":\n" + Files.readString(output));
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(name + " was not up after " + minutes + " minutes:\n" + Files.readString(output));
                }
                Thread.sleep(1000);
            }
            long seconds = Duration.ofNanos(System.nanoTime() - t).toSeconds();
            String startLine = Files.readAllLines(output).stream().filter(l -> l.startsWith("Start-up:")).findFirst().orElse("");
            System.out.printf("%s is up in %d s: %s%n", name, seconds, startLine);
            TOKENS.clear();
            return new Launched(name, process, output, seconds, startLine);
        }

        /** Ctrl-C's way: SIGTERM, the launcher stops every part; it must say it stopped. */
        void stop() {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(3, TimeUnit.MINUTES)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new AssertionError(name + " did not stop within 3 minutes");
                }
                assertThat(Files.readString(output)).as(name + " stopped cleanly").contains("Stopped. Data kept in");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    // ------------------------------------------------------------------------------------ plumbing

    private static final Map<String, String[]> TOKENS = new HashMap<>();

    /** A user's token from the running platform's Keycloak, used again for two minutes (a new one costs a one-time code). */
    private static String token(String user) throws Exception {
        synchronized (TOKENS) {
            String[] kept = TOKENS.get(user);
            if (kept == null || System.nanoTime() - Long.parseLong(kept[1]) > Duration.ofMinutes(2).toNanos()) {
                kept = new String[] {RunningPlatform.token(ISSUER, user), Long.toString(System.nanoTime())};
                TOKENS.put(user, kept);
            }
            return kept[0];
        }
    }

    private static HttpResponse<String> get(String path, String user) throws Exception {
        return RunningPlatform.get(GATEWAY + path, token(user));
    }

    private static HttpResponse<String> post(String path, String user, String json) throws Exception {
        return RunningPlatform.post(GATEWAY + path, token(user), json);
    }

    private static HttpResponse<String> put(String path, String user, String json) throws Exception {
        return RunningPlatform.put(GATEWAY + path, token(user), json);
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        return status(response, 200);
    }

    private static JsonNode status(HttpResponse<String> response, int expected) throws Exception {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri() + " → "
                + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private static String reporter(String unit) {
        return "reporter." + unit.substring(3);
    }

    private static String head(String unit) {
        return "head." + unit.substring(3);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
