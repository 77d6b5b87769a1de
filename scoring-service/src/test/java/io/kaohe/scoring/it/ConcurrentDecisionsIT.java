package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.testsupport.Tokens;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * No silent lost updates between assessors: of concurrent judged scores on one item exactly one is
 * recorded and the others get a 409 naming who decided first; a replacement names what it replaces.
 */
class ConcurrentDecisionsIT extends ScoringITBase {

    private static final List<CycleOpened.Unit> UNITS = Fixtures.cycleUnits("bz-sjw");
    private static final int ASSESSORS = 6;

    @Test
    void sixConcurrentJudgedScoresGiveOneCreatedAndFiveConflictsNamingTheFirst() throws Exception {
        String cycle = newCycleId("race");
        openCycle(cycle, Fixtures.TARGETS, UNITS);

        List<ResponseEntity<JsonNode>> first = concurrently(cycle, i -> body("unitCode", "bz-sjw", "itemCode", "duty.1",
                "kind", "JUDGED", "score", new BigDecimal(i), "reason", "评定" + i));
        JsonNode winner = only(first, HttpStatus.CREATED);
        String winnerId = winner.at("/decision/id").asText();
        List<JsonNode> losers = all(first, HttpStatus.CONFLICT);
        assertThat(losers).hasSize(ASSESSORS - 1).allSatisfy(problem -> {
            assertThat(problem.get("code").asText()).isEqualTo("scoring.decision.supersedes-required");
            assertThat(problem.at("/current/decision").asText()).isEqualTo(winnerId);
            assertThat(problem.at("/current/decidedBy").asText()).isEqualTo("reviewer.fpymj");
            assertThat(problem.at("/current/department").asText()).isEqualTo("sfpymj");
            assertThat(problem.at("/current/recordedAt").asText()).isNotBlank();
            assertThat(problem.at("/current/itemVersion").asInt()).isEqualTo(1);
            assertThat(problem.get("detail").asText()).contains("reviewer.fpymj").contains(winnerId)
                    .contains("supersedes");
        });
        assertThat(effectiveJudged(cycle)).containsExactly(winnerId);
        assertThat(reviewed(cycle, "bz-sjw", "duty.1"))
                .isEqualByComparingTo(winner.at("/decision/score").decimalValue());

        // Six who all saw the winner and replace it: again one wins, the others are told theirs is stale.
        List<ResponseEntity<JsonNode>> second = concurrently(cycle, i -> body("unitCode", "bz-sjw", "itemCode", "duty.1",
                "kind", "JUDGED", "score", new BigDecimal(i), "reason", "复核" + i, "supersedes", winnerId));
        String replacement = only(second, HttpStatus.CREATED).at("/decision/id").asText();
        assertThat(all(second, HttpStatus.CONFLICT)).hasSize(ASSESSORS - 1).allSatisfy(problem -> {
            assertThat(problem.get("code").asText()).isEqualTo("scoring.decision.not-current");
            assertThat(problem.at("/current/decision").asText()).isEqualTo(replacement);
            assertThat(problem.at("/current/itemVersion").asInt()).isEqualTo(2);
            assertThat(problem.get("detail").asText()).contains(winnerId).contains(replacement);
        });
        assertThat(effectiveJudged(cycle)).containsExactly(replacement);
        assertThat(db.sql("select count(*) from decision where cycle_id = ?").param(cycle).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void theDatabaseRefusesASecondAssessmentOfTheSameVersionWhateverTheApplicationChecked() {
        String cycle = newCycleId("version");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        String id = created(decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1",
                "kind", "JUDGED", "score", 4, "reason", "良好")).at("/decision/id").asText();
        // As a transaction that read version 0 concurrently would write it: refused by the unique index.
        assertThatThrownBy(() -> db.sql("""
                insert into decision (id, cycle_id, unit_code, item_code, kind, score, reason, decided_by, acting_as,
                                      item_version)
                select gen_random_uuid(), cycle_id, unit_code, item_code, kind, 2, '另一评定', 'reviewer.other',
                       acting_as, item_version from decision where id = cast(? as uuid)
                """).param(id).update()).isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("decision_item_version");
    }

    @Test
    void measurementsOfOtherValuesAndDeductionsCoexistAReplacedValueNamesItsDecision() {
        String cycle = newCycleId("coexist");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        // Deductions and bonuses are lines that add up: a second one names nothing.
        created(decide(cycle, "inspector.1", "unitCode", "bz-sjw", "itemCode", "duty.1", "kind", "DEDUCTION",
                "amount", new BigDecimal("0.1"), "reason", "巡视通报一"));
        created(decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1", "kind", "DEDUCTION",
                "amount", new BigDecimal("0.2"), "reason", "督查通报二"));
        // The first judged score on the item needs nothing either, deductions notwithstanding.
        created(decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1", "kind", "JUDGED",
                "score", 4, "reason", "良好"));
        assertThat(reviewed(cycle, "bz-sjw", "duty.1")).isEqualByComparingTo("3.70");

        String rate = created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "duty.3",
                "kind", "MEASUREMENT", "measured", Map.of("rate", new BigDecimal("93.5")), "reason", "结案率93.5%"))
                .at("/decision/id").asText();
        JsonNode again = refused(inEnglish(cycle, "reviewer.swzzb", body("unitCode", "bz-sjw", "itemCode", "duty.3",
                "kind", "MEASUREMENT", "measured", Map.of("rate", 96), "reason", "结案率96%")));
        assertThat(again.get("code").asText()).isEqualTo("scoring.decision.supersedes-required");
        assertThat(again.get("title").asText()).isEqualTo("Already decided");
        assertThat(again.get("detail").asText()).contains("measurement").contains("reviewer.swzzb").contains(rate);
        assertThat(reviewed(cycle, "bz-sjw", "duty.3")).isEqualByComparingTo("1.85");
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "duty.3", "kind", "MEASUREMENT",
                "measured", Map.of("rate", 96), "reason", "复核后结案率96%", "supersedes", rate));
        assertThat(reviewed(cycle, "bz-sjw", "duty.3")).isEqualByComparingTo("2.00");

        // The withdrawal of a judged score is a version too; a new score then replaces the withdrawal.
        String judged = db.sql("select id::text from decision where cycle_id = ? and kind = 'JUDGED'").param(cycle)
                .query(String.class).single();
        String withdrawal = created(decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1",
                "kind", "WITHDRAWAL", "reason", "评定有误", "supersedes", judged)).at("/decision/id").asText();
        JsonNode stale = refused(decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1",
                "kind", "JUDGED", "score", 3, "reason", "重评", "supersedes", judged));
        assertThat(stale.get("code").asText()).isEqualTo("scoring.decision.not-current");
        assertThat(stale.at("/current/decision").asText()).isEqualTo(withdrawal);
        assertThat(stale.at("/current/kind").asText()).isEqualTo("WITHDRAWAL");
        created(decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1", "kind", "JUDGED",
                "score", 3, "reason", "重评", "supersedes", withdrawal));
        assertThat(db.sql("select item_version from decision where cycle_id = ? and item_code = 'duty.1' "
                + "and item_version is not null order by seq").param(cycle).query(Integer.class).list())
                .containsExactly(1, 2, 3);
        assertThat(reviewed(cycle, "bz-sjw", "duty.1")).isEqualByComparingTo("2.70");
    }

    @Test
    void aReasonLongerThanTwoThousandCharactersIsRefusedAtItsField() {
        String cycle = newCycleId("reason");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        ResponseEntity<JsonNode> response = decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1",
                "kind", "DEDUCTION", "amount", new BigDecimal("0.1"), "reason", "理".repeat(2001));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().at("/errors/0/location").asText()).isEqualTo("reason");
        assertThat(response.getBody().at("/errors/0/message").asText()).containsPattern("2,?000").containsPattern("2,?001"); // grouped as the locale writes numbers
        created(decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1", "kind", "DEDUCTION",
                "amount", new BigDecimal("0.1"), "reason", "理".repeat(2000)));
    }

    /** The same request body, one per assessor, sent at the same moment. */
    private List<ResponseEntity<JsonNode>> concurrently(String cycle, java.util.function.IntFunction<JsonNode> bodies)
            throws Exception {
        String token = Tokens.forUser("reviewer.fpymj");
        String path = "/api/scoring/cycles/" + cycle + "/decisions";
        ExecutorService pool = Executors.newFixedThreadPool(ASSESSORS);
        CountDownLatch ready = new CountDownLatch(ASSESSORS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<ResponseEntity<JsonNode>>> futures = new ArrayList<>();
            for (int i = 0; i < ASSESSORS; i++) {
                JsonNode body = bodies.apply(i);
                futures.add(pool.submit(() -> {
                    HttpHeaders headers = new HttpHeaders();
                    headers.setBearerAuth(token);
                    headers.setContentType(MediaType.APPLICATION_JSON);
                    ready.countDown();
                    go.await();
                    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers),
                            JsonNode.class);
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<ResponseEntity<JsonNode>> responses = new ArrayList<>();
            for (Future<ResponseEntity<JsonNode>> f : futures) {
                responses.add(f.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> effectiveJudged(String cycle) {
        return db.sql("""
                select d.id::text from decision d where d.cycle_id = ? and d.kind = 'JUDGED'
                   and not exists (select 1 from decision s where s.supersedes = d.id)
                """).param(cycle).query(String.class).list();
    }

    private ResponseEntity<JsonNode> inEnglish(String cycle, String user, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.forUser(user));
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, "en");
        return http.exchange("/api/scoring/cycles/" + cycle + "/decisions", HttpMethod.POST,
                new HttpEntity<>(body, headers), JsonNode.class);
    }

    private static JsonNode only(List<ResponseEntity<JsonNode>> responses, HttpStatus status) {
        assertThat(responses).as(String.valueOf(responses)).filteredOn(r -> r.getStatusCode() == status).hasSize(1);
        return all(responses, status).get(0);
    }

    private static List<JsonNode> all(List<ResponseEntity<JsonNode>> responses, HttpStatus status) {
        assertThat(responses).as(String.valueOf(responses))
                .allMatch(r -> r.getStatusCode() == HttpStatus.CREATED || r.getStatusCode() == HttpStatus.CONFLICT);
        return responses.stream().filter(r -> r.getStatusCode() == status).map(ResponseEntity::getBody).toList();
    }

    private static JsonNode created(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }

    private static JsonNode refused(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CONFLICT);
        return response.getBody();
    }
}
