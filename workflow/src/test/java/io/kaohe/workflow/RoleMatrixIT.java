package io.kaohe.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.testsupport.RoleMatrix;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

/**
 * Deny by default, proven for every endpoint: each operation of the service's own OpenAPI document (read on the
 * management port) has a row in {@code role-matrix.tsv} naming the roles its {@code SecurityConfiguration} lets
 * through, and is called without a token, as every role's demo user and, on real things in real cycles (bz-sjw's Q1
 * self-check task, an appeal naming bz-sjw; 市扶贫移民局's review of bz-sjw's Q1), as another unit's reporter and head,
 * another department's reviewer and an inspector not of bz-sjw ({@link RoleMatrix}). In the module's one test context.
 */
// Last of the module's classes (junit-platform.properties): its calls change demo data the others rely on.
@Order(Integer.MAX_VALUE)
class RoleMatrixIT extends WorkflowIntegrationTest {

    @LocalServerPort
    int applicationPort;
    @LocalManagementPort
    int documentPort;

    @Test
    void everyOperationHasARuleAndLetsThroughExactlyTheRolesItNames() {
        String cycle = "matrix-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(openCycle(cycle, "P365D").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        await(() -> tasks("reporter.sjw", "cycleId=" + cycle).size() == 1, "bz-sjw's first self-check");
        String selfCheck = tasks("reporter.sjw", "cycleId=" + cycle).get(0).get("id").asText();
        String review = reviewOfSfpymj();
        String appeals = "POST /api/workflow/cycles/{cycleId}/appeals";
        RoleMatrix.Given given = RoleMatrix.Given.nothing()
                .value("cycleId", cycle)
                .unitObject("taskId", selfCheck)
                // sfpymj's review of bz-sjw's Q1 (another cycle: the submission ends the self-check above).
                .departmentObject("/api/workflow/tasks/{taskId}/comments", review)
                .departmentObject("/api/workflow/tasks/{taskId}/history", review)
                .unitBody(appeals, "{\"unitCode\":\"bz-sjw\",\"itemCode\":\"T.bz-sjw.2\",\"reason\":\"扣分有误\","
                        + "\"evidence\":[\"2015年第四季度中心组学习记录\"]}")
                .body("POST /api/workflow/tasks/{taskId}/comments", "{\"body\":\"佐证材料齐全\"}")
                .body("POST /api/workflow/tasks/{taskId}/delegate", "{\"userId\":\"reporter.sjw\"}");
        RoleMatrix.Outcome outcome = RoleMatrix.verifyService(applicationPort, documentPort, given);
        assertThat(outcome.operations()).isPositive();
        // Each kind of outsider was refused somewhere: the checks ran on things they could have reached.
        assertThat(outcome.refused()).allSatisfy((scope, refused) -> assertThat(refused).as(scope.name()).isPositive());
    }

    /** A cycle in which bz-sjw signed off Q1, so that each of its two departments reviews it: sfpymj's review task. */
    private String reviewOfSfpymj() {
        String cycle = "matrix-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(openCycle(cycle, "P365D").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        await(() -> tasks("reporter.sjw", "cycleId=" + cycle).size() == 1, "bz-sjw's first self-check");
        send("/evidence-service", SelfAssessmentSubmitted.TYPE, "submissions/x", cycle, "bz-sjw",
                new SelfAssessmentSubmitted("sub-" + cycle, 1, cycle, "bz-sjw", "Q1", "v", "reporter.sjw", "head.sjw",
                        Instant.now(), false, List.of()));
        await(() -> tasks("reviewer.fpymj", "cycleId=" + cycle).size() == 1, "sfpymj's review");
        return tasks("reviewer.fpymj", "cycleId=" + cycle).get(0).get("id").asText();
    }
}
