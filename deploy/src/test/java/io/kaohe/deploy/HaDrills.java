package io.kaohe.deploy;

import static io.kaohe.deploy.RunningHaPlatform.BALANCER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.testsupport.Await;
import io.kaohe.testsupport.DrillYear;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** What several drills on the HA platform do to have a year to work on: a small rubric published, a cycle opened. */
final class HaDrills {

    private HaDrills() {
    }

    /** A unit of the drills' cycles: a roster unit of category party-dept, which the drills' rubric assesses. */
    record DrillUnit(String code, String name) {
    }

    /**
     * Publishes a rubric of two items (1.1 judged by 市扶贫移民局, 1.2 half a point per incident by 市委组织部) and
     * opens a cycle of it for bz-sjw and bz-zjfy through the balancer, once workflow has learnt of the version over
     * Kafka (it refuses it with a 400 until then). The cycle's id is {@code code}.
     */
    static void openCycle(String office, String code, int year, String title) throws Exception {
        openCycle(BALANCER, office, code, year, title);
    }

    /** The same through {@code entry} (a drill's {@link DrillTarget#entry()}). */
    static void openCycle(String entry, String office, String code, int year, String title) throws Exception {
        openCycle(entry, office, code, year, title, List.of(new DrillUnit("bz-sjw", "市纪委（监察局）"),
                new DrillUnit("bz-zjfy", "市中级法院")), null);
    }

    /**
     * The same rubric and a cycle of it for {@code units} (already on the roster), on the real calendar of
     * {@code year}, or on a compressed clock that runs the year in {@code yearIn} from now (e.g. P365D: the year
     * begins now and runs in real time, so the first quarter opens at once). Returns the rubric version's id.
     */
    static String openCycle(String office, String code, int year, String title, List<DrillUnit> units, String yearIn)
            throws Exception {
        return openCycle(BALANCER, office, code, year, title, units, yearIn);
    }

    private static String openCycle(String entry, String office, String code, int year, String title,
                                     List<DrillUnit> units, String yearIn) throws Exception {
        HttpResponse<String> created = RunningPlatform.post(entry + "/api/rubric/versions", office, rubric(code, year, title));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String versionId = RunningPlatform.JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> published = RunningPlatform.post(entry + "/api/rubric/versions/" + versionId + "/publish", office, null);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        ObjectNode request = RunningPlatform.JSON.createObjectNode().put("cycleId", code).put("year", year)
                .put("title", year + "年度" + title).put("rubricVersionId", versionId);
        ArrayNode listed = request.putArray("units");
        units.forEach(u -> listed.addObject().put("unitCode", u.code()).put("unitName", u.name()).put("category", "party-dept"));
        if (yearIn != null) {
            request.putObject("clock").put("yearIn", yearIn);
        }
        String cycle = request.toString();
        await("workflow opens cycle " + code, Duration.ofMinutes(3), () -> {
            HttpResponse<String> opened = RunningPlatform.post(entry + "/api/workflow/cycles", office, cycle);
            assertThat(opened.statusCode()).as(opened.body()).isIn(201, 400);
            if (opened.statusCode() == 400) {
                assertThat(opened.body()).as("refused only while workflow does not know the version").contains("rubricVersionId");
                return null;
            }
            return opened;
        });
        return versionId;
    }

    /**
     * The drills' rubric as the office posts it: two items of category party-dept, 1.1 judged by 市扶贫移民局 and 1.2
     * half a point per incident by 市委组织部, titled "{@code title}指标体系".
     */
    static String rubric(String code, int year, String title) {
        return DrillYear.rubric(code, year, title); // the backup drill's year publishes the same
    }

    /** Reads a JSON answer of the platform under test by its path (through the gateway or the balancer). */
    interface Reader {
        JsonNode read(String path) throws Exception;
    }

    /**
     * Waits until evidence-service and scoring-service list the published version ({@code versionId}): RubricPublished
     * reached them over Kafka.
     */
    static void awaitRubricConsumers(String versionId, Duration within, Reader reader) throws Exception {
        for (String consumer : List.of("/api/evidence/rubric-versions", "/api/scoring/rubric-versions")) {
            await(consumer + " knows version " + versionId, within, () -> {
                for (JsonNode known : reader.read(consumer)) {
                    if (known.get("versionId").asText().equals(versionId)) {
                        return known;
                    }
                }
                return null;
            });
        }
    }

    /** The units on rubric-service's roster (the office's PUT, four at a time): a cycle opens, and rubric-service
     * answers a unit's items, only for roster units. */
    static void enrol(String office, List<DrillUnit> units) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (DrillUnit unit : units) {
                String body = RunningPlatform.JSON.createObjectNode().put("name", unit.name()).put("category", "party-dept")
                        .toString();
                answers.add(pool.submit(() -> RunningPlatform.put(BALANCER + "/api/rubric/roster/units/" + unit.code(),
                        office, body)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls every second until {@code probe} answers something (not null); fails after {@code within}. */
    static <T> T await(String what, Duration within, Callable<T> probe) throws Exception {
        return Await.until(what, within, probe);
    }
}
