package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.GradesApproved;
import io.kaohe.contracts.events.RecordDecision;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * An appeal upheld in the publicity period (申诉复核): workflow's RecordDecision superseding the
 * contested decision reaches a unit whose scores are approved; its approval is reopened in the office
 * member's name, the correction re-scores the item, and the leaders' new approval freezes it again.
 */
class AppealCorrectionIT extends ScoringITBase {

    private static final List<CycleOpened.Unit> UNITS = Fixtures.cycleUnits("bz-sjw", "bz-zjfy");

    @Test
    void anUpheldAppealsCorrectionWithdrawsTheContestedDeductionOfAnApprovedUnitAndReopensOnlyThatUnit() {
        String cycle = newCycleId("appeal");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        JsonNode contested = decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "eff.1", "kind",
                "DEDUCTION", "count", 2, "reason", "未按时完成2次").getBody();
        String contestedId = contested.at("/decision/id").asText();
        assertThat(contestedId).isNotBlank();
        JsonNode proposal = call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/grades/proposals", "office", null)
                .getBody();
        send("/workflow", GradesApproved.TYPE, "cycles/" + cycle + "/grades", cycle, null, new GradesApproved(cycle,
                proposal.get("proposalId").asText(), List.of("bz-sjw", "bz-zjfy"), List.of(), "leader", Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> frozen(cycle) == 2);
        BigDecimal before = reviewed(cycle, "bz-sjw", "eff.1");

        String correctionId = RecordDecision.decisionIdFor(cycle + ":bz-sjw:appeal:a-1");
        RecordDecision correction = new RecordDecision(correctionId, cycle, "bz-sjw", "eff.1", RecordDecision.WITHDRAWAL,
                null, "经复核，已按时完成，撤销该项扣分", "申诉复核（office）", LocalDate.of(2016, 1, 22), List.of("evidence-17"),
                "office", "workflow", contestedId);
        send("/workflow", RecordDecision.TYPE, "cycles/" + cycle + "/units/bz-sjw/decisions/" + correctionId, cycle,
                "bz-sjw", correction);
        await().atMost(Duration.ofSeconds(60)).until(() -> db.sql("select count(*) from decision where id = ?::uuid")
                .param(correctionId).query(Long.class).single() == 1);

        assertThat(reviewed(cycle, "bz-sjw", "eff.1")).isGreaterThan(before);
        assertThat(frozen(cycle)).as("only the appealing unit is reopened").isEqualTo(1);
        assertThat(db.sql("select actor from approval_log where cycle_id = ? and action = 'REOPENED'").param(cycle)
                .query(String.class).list()).containsExactly("office");
        JsonNode history = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/units/bz-sjw/items/eff.1/decisions",
                "office", null).getBody();
        assertThat(history.toString()).contains(correctionId).contains("经复核，已按时完成，撤销该项扣分");

        // Sent again (the sending job ran twice): recorded once, nothing reopened twice.
        send("/workflow", RecordDecision.TYPE, "cycles/" + cycle + "/units/bz-sjw/decisions/" + correctionId, cycle,
                "bz-sjw", correction);
        // The leaders approve the unit again: frozen again.
        send("/workflow", GradesApproved.TYPE, "cycles/" + cycle + "/grades", cycle, null, new GradesApproved(cycle,
                proposal.get("proposalId").asText(), List.of("bz-sjw"), List.of(), "leader", Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> frozen(cycle) == 2);
        assertThat(db.sql("select count(*) from decision where id = ?::uuid").param(correctionId).query(Long.class)
                .single()).isOne();
        assertThat(db.sql("select count(*) from approval_log where cycle_id = ? and action = 'REOPENED'").param(cycle)
                .query(Long.class).single()).isOne();
        assertThat(call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/units/bz-sjw/items/eff.1/decisions",
                "office", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private int frozen(String cycle) {
        return db.sql("select count(*) from cycle_unit where cycle_id = ? and frozen").param(cycle).query(Integer.class)
                .single();
    }
}
