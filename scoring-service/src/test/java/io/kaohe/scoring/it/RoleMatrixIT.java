package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.EvidenceAdded;
import io.kaohe.testsupport.RoleMatrix;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Deny by default, proven for every endpoint: each operation of the service's own OpenAPI document (read on the
 * management port) has a row in {@code role-matrix.tsv} naming the roles its {@code SecurityConfiguration} lets
 * through, and is called without a token, as every role's demo user and, on bz-sjw's real things in a real cycle
 * (its item duty.1, which 市扶贫移民局 assesses; a decision on it; its bonus application), as another unit's reporter
 * and head, another department's reviewer and an inspector not of bz-sjw ({@link RoleMatrix}). In the module's one
 * test context.
 */
// Last of the module's classes (junit-platform.properties): its calls change demo data the others rely on.
@Order(Integer.MAX_VALUE)
class RoleMatrixIT extends ScoringITBase {

    private static final List<CycleOpened.Unit> UNITS = Fixtures.cycleUnits("bz-sjw", "bz-zjfy");

    @LocalServerPort
    int applicationPort;
    @LocalManagementPort
    int documentPort;

    @Test
    void everyOperationHasARuleAndLetsThroughExactlyTheRolesItNames() {
        String cycle = newCycleId("matrix");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        String application = bonusApplication(cycle);
        // duty.1 (干部驻村帮扶) is bz-sjw's item that sfpymj alone assesses.
        String decision = "{\"unitCode\":\"bz-sjw\",\"itemCode\":\"duty.1\",\"kind\":\"JUDGED\",\"score\":4.5,"
                + "\"reason\":\"驻村帮扶按计划完成\"}";
        String decisions = "POST /api/scoring/cycles/{cycleId}/decisions";
        RoleMatrix.Given given = RoleMatrix.Given.nothing()
                .value("cycleId", cycle)
                .departmentObject("itemCode", "duty.1")
                .unitObject("/api/scoring/cycles/{cycleId}/bonus-applications/{id}", application)
                .unitBody(decisions, decision).departmentBody(decisions, decision)
                .body("POST /api/scoring/cycles/{cycleId}/units/{unitCode}/items/{itemCode}/preview",
                        "{\"selfScore\":4.5,\"measured\":{\"reason\":\"驻村帮扶按计划完成\"}}")
                .body("POST /api/scoring/cycles/{cycleId}/bonus-applications/{id}/refuse", "{\"reason\":\"证明材料不足\"}");
        RoleMatrix.Outcome outcome = RoleMatrix.verifyService(applicationPort, documentPort, given);
        assertThat(outcome.operations()).isPositive();
        // Each kind of outsider was refused somewhere: the checks ran on things they could have reached.
        assertThat(outcome.refused()).allSatisfy((scope, refused) -> assertThat(refused).as(scope.name()).isPositive());
    }

    /** bz-sjw's application for bonus points on key.1 (每完成一项计2分), with evidence the unit uploaded. */
    private String bonusApplication(String cycle) {
        String evidence = UUID.randomUUID().toString();
        send("/evidence-service", EvidenceAdded.TYPE, "evidence/" + evidence, cycle, "bz-sjw", new EvidenceAdded(evidence,
                1, cycle, "bz-sjw", "YEAR", List.of(), "完成情况.pdf", "application/pdf", 100, "0".repeat(64),
                "0".repeat(64), LocalDate.of(2015, 11, 20), null, "reporter.sjw", Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> db.sql(
                "select count(*) from evidence_owner where evidence_id = ?").param(evidence).query(Long.class).single() == 1);
        ResponseEntity<com.fasterxml.jackson.databind.JsonNode> filed = call(HttpMethod.POST,
                "/api/scoring/cycles/" + cycle + "/units/bz-sjw/bonus-applications", "reporter.sjw",
                body("itemCode", "key.1", "matter", "完成司法公信提升年活动一项", "count", 1, "reason", "已完成",
                        "evidenceIds", List.of(evidence)));
        assertThat(filed.getStatusCode()).as(String.valueOf(filed.getBody())).isEqualTo(HttpStatus.CREATED);
        return filed.getBody().get("id").asText();
    }
}
