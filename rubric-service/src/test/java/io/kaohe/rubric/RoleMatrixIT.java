package io.kaohe.rubric;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.testsupport.RoleMatrix;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Deny by default, proven for every endpoint: each operation of the service's own OpenAPI document (read on the
 * management port) has a row in {@code role-matrix.tsv} naming the roles its {@code SecurityConfiguration} lets
 * through, and is called without a token, as every role's demo user and, when it names a unit, as another unit's
 * reporter and head ({@link RoleMatrix}). In the module's one test context.
 */
// Last of the module's classes (junit-platform.properties): its calls change demo data the others rely on.
@Order(Integer.MAX_VALUE)
class RoleMatrixIT extends RubricIntegrationTest {

    @LocalServerPort
    int applicationPort;
    @LocalManagementPort
    int documentPort;

    @Test
    void everyOperationHasARuleAndLetsThroughExactlyTheRolesItNames() {
        RoleMatrix.Outcome outcome = RoleMatrix.verifyService(applicationPort, documentPort);
        assertThat(outcome.operations()).isPositive();
        // Each kind of outsider was refused somewhere: the checks ran on things they could have reached.
        assertThat(outcome.refused()).allSatisfy((scope, refused) -> assertThat(refused).as(scope.name()).isPositive());
    }
}
