package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.testsupport.AuditRecords;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * 民主测评 on real servers: the office creates a survey for a converted item, issues one-time codes (kept as
 * SM3 only), opens it; ballots are cast without a token, each code once (also when two race); the close checks
 * the quorum, trims, weights the groups and records each unit's result as the item's measured value, so the
 * item's score and the unit's total change. Only the two ballot paths are open without a token.
 */
class SurveysIT extends ScoringITBase {

    private static final List<String> UNITS = List.of("bz-x1", "bz-sjw", "bz-x2");

    @Test
    void aSurveyScoresTheItemFromAnonymousBallotsEachCountedOnce() throws Exception {
        String cycle = newCycleId("survey");
        openCycle(cycle, Fixtures.SURVEY, List.of(unit("bz-x1", "市委宣传部", "party-dept"),
                unit("bz-sjw", "市纪委", "party-dept"), unit("bz-x2", "市委统战部", "party-dept")));
        BigDecimal totalBefore = total(cycle, "bz-x1");

        Map<String, Object> request = Map.of("itemCode", "sat.1", "title", "2015年度群众满意度测评",
                "scale", "SATISFACTION", "quorum", new BigDecimal("0.5"), "trim", true,
                "groups", List.of(Map.of("name", "领导", "weight", new BigDecimal("0.4"), "codes", 3),
                        Map.of("name", "服务对象", "weight", new BigDecimal("0.6"), "codes", 4)));
        assertThat(call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/surveys", "leader", request)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> refused = call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/surveys", "office",
                Map.of("itemCode", "sat.j", "title", "综合评价测评", "scale", "SCORE",
                        "groups", List.of(Map.of("name", "全体", "codes", 2))));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().toString()).contains("scoring.survey.invalid", "sat.j");

        ResponseEntity<JsonNode> created = call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/surveys", "office",
                request);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String survey = created.getBody().get("id").asText();
        assertThat(created.getBody().get("state").asText()).isEqualTo("DRAFT");
        assertThat(created.getBody().get("unitCodes")).extracting(JsonNode::asText).containsExactlyElementsOf(UNITS);
        assertThat(call(HttpMethod.POST, "/api/scoring/surveys/" + survey + "/open", "office", null).getStatusCode())
                .as("no codes yet").isEqualTo(HttpStatus.CONFLICT);

        // Codes: issued once, shown once, stored as SM3 only.
        ResponseEntity<JsonNode> issued = call(HttpMethod.POST, "/api/scoring/surveys/" + survey + "/codes", "office",
                null);
        assertThat(issued.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> leaders = new ArrayList<>();
        List<String> served = new ArrayList<>();
        for (JsonNode code : issued.getBody()) {
            assertThat(code.get("code").asText()).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
            (code.get("group").asInt() == 0 ? leaders : served).add(code.get("code").asText());
        }
        assertThat(leaders).hasSize(3);
        assertThat(served).hasSize(4);
        List<String> stored = db.sql("select hash from survey_code where survey_id = ?::uuid").param(survey)
                .query(String.class).list();
        assertThat(stored).hasSize(7).allMatch(h -> h.matches("[0-9a-f]{64}"));
        assertThat(String.join(",", stored)).doesNotContain(leaders.get(0).replace("-", ""));
        assertThat(call(HttpMethod.POST, "/api/scoring/surveys/" + survey + "/codes", "office", null).getStatusCode())
                .as("codes are issued once").isEqualTo(HttpStatus.CONFLICT);

        assertThat(anonymous("/api/scoring/ballots/form", Map.of("code", leaders.get(0))).getStatusCode())
                .as("not open yet").isEqualTo(HttpStatus.CONFLICT);
        assertThat(call(HttpMethod.POST, "/api/scoring/surveys/" + survey + "/open", "office", null).getBody()
                .get("state").asText()).isEqualTo("OPEN");

        // The form, without a token; the code may be typed in lower case and without dashes.
        ResponseEntity<JsonNode> form = anonymous("/api/scoring/ballots/form",
                Map.of("code", leaders.get(0).replace("-", "").toLowerCase()));
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(form.getBody().get("title").asText()).isEqualTo("2015年度群众满意度测评");
        assertThat(form.getBody().get("group").asText()).isEqualTo("领导");
        assertThat(form.getBody().get("units")).extracting(u -> u.get("unitName").asText())
                .containsExactly("市委宣传部", "市纪委", "市委统战部");

        // A faulty ballot is refused whole and leaves its code unused.
        ResponseEntity<JsonNode> faulty = cast(leaders.get(0), Map.of("bz-x1", "VERY", "bz-zz", "SATISFIED"));
        assertThat(faulty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(faulty.getBody().get("errors")).hasSize(2);

        // 领导 (weight 0.4): three ballots, the third leaves bz-x2 out.
        assertThat(cast(leaders.get(0), ratings("SATISFIED", "BASIC", "DISSATISFIED")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(cast(leaders.get(1), ratings("SATISFIED", "BASIC", "BASIC")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(cast(leaders.get(2), ratings("DISSATISFIED", "SATISFIED", null)).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        long refusalsBefore = refusals();
        ResponseEntity<JsonNode> again = cast(leaders.get(0), ratings("SATISFIED", "SATISFIED", "SATISFIED"));
        assertThat(again.getStatusCode()).as("a code counts once").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(again.getBody().get("code").asText()).isEqualTo("scoring.ballot.code-refused");
        assertThat(anonymous("/api/scoring/ballots/form", Map.of("code", "nonsense")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refusals()).as("refused codes are audited").isEqualTo(refusalsBefore + 2);
        List<JsonNode> ballotRecords = AuditRecords.matching(dataSource,
                r -> r.path("path").asText().startsWith("/api/scoring/ballots"));
        assertThat(ballotRecords).isNotEmpty().allSatisfy(r -> {
            assertThat(r.path("requestDigest").isTextual()).as("no digest of a secret body").isFalse();
            assertThat(r.toString()).doesNotContain(leaders.get(0)).doesNotContain(leaders.get(0).replace("-", ""));
        });

        // 服务对象 (weight 0.6): two ballots race with one code, exactly one counts.
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<HttpStatus>> racing = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            racing.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return (HttpStatus) cast(served.get(0), ratings("BASIC", "DISSATISFIED", "SATISFIED")).getStatusCode();
            }));
        }
        List<HttpStatus> outcomes = racing.stream().map(CompletableFuture::join).toList();
        assertThat(outcomes).containsExactlyInAnyOrder(HttpStatus.NO_CONTENT, HttpStatus.FORBIDDEN);
        assertThat(cast(served.get(1), ratings("BASIC", "SATISFIED", "SATISFIED")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(cast(served.get(2), ratings("SATISFIED", "SATISFIED", "DISSATISFIED")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        // Nothing links a rating to a code or a voter: no such column, and used codes are gone.
        assertThat(db.sql("""
                select column_name from information_schema.columns where table_name = 'survey_rating'
                order by ordinal_position""").query(String.class).list())
                .containsExactly("survey_id", "group_position", "unit_code", "value");
        assertThat(db.sql("select count(*) from survey_code where survey_id = ?::uuid").param(survey)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(db.sql("select count(*) from survey_rating where survey_id = ?::uuid").param(survey)
                .query(Integer.class).single()).isEqualTo(3 + 3 + 2 + 3 + 3 + 3);
        JsonNode progress = call(HttpMethod.GET, "/api/scoring/surveys/" + survey, "leader", null).getBody();
        assertThat(progress.get("groups")).extracting(g -> g.get("used").asInt()).containsExactly(3, 3);

        // Close: 6 of 7 codes used (quorum 0.5). Each group drops its highest and lowest (with 3 or more):
        // bz-x1: 领导 [1,1,0] → 100, 服务对象 [0.6,0.6,1] → 60, 0.4×100 + 0.6×60 = 76 → 10 × 76% = 7.60
        // bz-sjw: 领导 [0.6,0.6,1] → 60, 服务对象 [0,1,1] → 100 → 84 → 8.40
        // bz-x2: 领导 [0,0.6] (two: none dropped) → 30, 服务对象 [1,1,0] → 100 → 72 → 7.20
        JsonNode closed = call(HttpMethod.POST, "/api/scoring/surveys/" + survey + "/close", "office", null).getBody();
        assertThat(closed.get("state").asText()).isEqualTo("CLOSED");
        assertThat(reviewed(cycle, "bz-x1", "sat.1")).isEqualByComparingTo("7.60");
        assertThat(reviewed(cycle, "bz-sjw", "sat.1")).isEqualByComparingTo("8.40");
        assertThat(reviewed(cycle, "bz-x2", "sat.1")).isEqualByComparingTo("7.20");
        assertThat(total(cycle, "bz-x1")).isEqualByComparingTo(totalBefore.add(new BigDecimal("7.60")));
        assertThat(db.sql("""
                select source || '|' || acting_as || '|' || decided_by || '|' || (measured ->> 'subScore')
                  from decision where cycle_id = ? and unit_code = 'bz-x1' and item_code = 'sat.1'""")
                .param(cycle).query(String.class).single())
                .isEqualTo("民主测评|survey:" + survey + "|office|76.00");

        JsonNode results = call(HttpMethod.GET, "/api/scoring/surveys/" + survey + "/results", "leader", null).getBody();
        assertThat(results).extracting(r -> r.get("unitName").asText() + " " + r.get("ballots").asInt() + " "
                        + r.get("score").decimalValue().stripTrailingZeros().toPlainString() + " "
                        + r.get("points").decimalValue().stripTrailingZeros().toPlainString())
                .containsExactly("市委宣传部 6 76 7.6", "市纪委 6 84 8.4", "市委统战部 5 72 7.2");
        ResponseEntity<byte[]> xlsx = bytes("/api/scoring/surveys/" + survey + "/results.xlsx", "office");
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(xlsx.getHeaders().getContentType().toString()).contains("spreadsheetml");
        assertThat(xlsx.getBody()).startsWith((byte) 'P', (byte) 'K');

        assertThat(cast(served.get(3), ratings("SATISFIED", "SATISFIED", "SATISFIED")).getStatusCode())
                .as("closed: its last code is refused").isEqualTo(HttpStatus.CONFLICT);
        assertThat(call(HttpMethod.POST, "/api/scoring/surveys/" + survey + "/close", "office", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);

        // A second survey of the item, 1–100 without trimming: its result supersedes the first's for the units it
        // rates. A third one below its quorum closes as 未达法定人数 and records nothing.
        String scored = createOpen(cycle, "SCORE", new BigDecimal("0.5"), 2);
        List<String> codes = codes(scored);
        assertThat(cast(codes.get(0), Map.of("bz-x1", 90)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(cast(codes.get(1), Map.of("bz-x1", 80, "bz-sjw", 101)).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(cast(codes.get(1), Map.of("bz-x1", 80)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call(HttpMethod.POST, "/api/scoring/surveys/" + scored + "/close", "office", null).getBody()
                .get("state").asText()).isEqualTo("CLOSED");
        assertThat(reviewed(cycle, "bz-x1", "sat.1")).isEqualByComparingTo("8.50");
        assertThat(reviewed(cycle, "bz-sjw", "sat.1")).as("not rated again: the first result stands")
                .isEqualByComparingTo("8.40");

        long decisions = decisionCount(cycle);
        String few = createOpen(cycle, "SATISFACTION", new BigDecimal("0.75"), 4);
        List<String> fewCodes = codes(few);
        cast(fewCodes.get(0), ratings("DISSATISFIED", "DISSATISFIED", "DISSATISFIED"));
        cast(fewCodes.get(1), ratings("DISSATISFIED", "DISSATISFIED", "DISSATISFIED"));
        assertThat(call(HttpMethod.POST, "/api/scoring/surveys/" + few + "/close", "office", null).getBody()
                .get("state").asText()).isEqualTo("NO_QUORUM");
        assertThat(decisionCount(cycle)).isEqualTo(decisions);
        assertThat(reviewed(cycle, "bz-x1", "sat.1")).isEqualByComparingTo("8.50");
        assertThat(call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/surveys", "office", null).getBody())
                .extracting(s -> s.get("state").asText()).containsExactly("CLOSED", "CLOSED", "NO_QUORUM");
    }

    @Test
    void onlyTheBallotPathsAreOpenWithoutAToken() {
        String any = "00000000-0000-4000-8000-000000000000";
        assertThat(anonymous("/api/scoring/ballots/form", Map.of("code", "AAAA-AAAA-AAAA-AAAA")).getStatusCode())
                .as("open, and refuses the code").isEqualTo(HttpStatus.FORBIDDEN);
        for (String path : List.of("/api/scoring/surveys/" + any + "/open", "/api/scoring/surveys/" + any + "/close",
                "/api/scoring/surveys/" + any + "/codes", "/api/scoring/cycles/c/surveys",
                "/api/scoring/cycles/c/decisions", "/api/scoring/cycles/c/recompute", "/api/scoring/ballots/x",
                "/api/scoring/ballots/form/x")) {
            assertThat(anonymous(path, Map.of()).getStatusCode()).as("POST " + path).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        for (String path : List.of("/api/scoring/cycles", "/api/scoring/cycles/c/surveys",
                "/api/scoring/surveys/" + any, "/api/scoring/surveys/" + any + "/results",
                "/api/scoring/surveys/" + any + "/results.xlsx", "/api/scoring/cycles/c/results",
                "/api/scoring/ballots", "/api/scoring/ballots/form")) {
            assertThat(http.exchange(path, HttpMethod.GET, HttpEntity.EMPTY, JsonNode.class).getStatusCode())
                    .as("GET " + path).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(call(HttpMethod.GET, "/api/scoring/surveys/" + any, "reporter.sjw", null).getStatusCode())
                .as("units do not read surveys").isEqualTo(HttpStatus.FORBIDDEN);
    }

    private String createOpen(String cycle, String scale, BigDecimal quorum, int codes) {
        JsonNode created = call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/surveys", "office",
                Map.of("itemCode", "sat.1", "title", "补充测评" + scale + quorum, "scale", scale, "quorum", quorum,
                        "groups", List.of(Map.of("name", "全体", "codes", codes)))).getBody();
        return created.get("id").asText();
    }

    /** Issues the survey's codes and opens it. */
    private List<String> codes(String survey) {
        List<String> codes = new ArrayList<>();
        call(HttpMethod.POST, "/api/scoring/surveys/" + survey + "/codes", "office", null).getBody()
                .forEach(c -> codes.add(c.get("code").asText()));
        assertThat(call(HttpMethod.POST, "/api/scoring/surveys/" + survey + "/open", "office", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        return codes;
    }

    private static Map<String, Object> ratings(String x1, String sjw, String x2) {
        Map<String, Object> ratings = new LinkedHashMap<>();
        ratings.put("bz-x1", x1);
        ratings.put("bz-sjw", sjw);
        if (x2 != null) {
            ratings.put("bz-x2", x2);
        }
        return ratings;
    }

    private ResponseEntity<JsonNode> cast(String code, Map<String, ?> ratings) {
        return anonymous("/api/scoring/ballots", Map.of("code", code, "ratings", ratings));
    }

    /** A POST without any token, as a phone that scanned a QR code sends it. */
    private ResponseEntity<JsonNode> anonymous(String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private BigDecimal total(String cycle, String unit) {
        return db.sql("select coalesce(sum(reviewed_score), 0) from item_score where cycle_id = ? and unit_code = ?")
                .params(cycle, unit).query(BigDecimal.class).single();
    }
}
