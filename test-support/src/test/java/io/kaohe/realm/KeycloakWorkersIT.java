package io.kaohe.realm;

import static io.kaohe.realm.Realm.passwordGrant;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keycloak on the newest JDK (Java 24+) keeps its request workers: jboss-threads resets a worker's
 * thread locals after each task and needs java.lang opened for it, or each worker thread dies after
 * its first request (KeycloakServer passes the option).
 */
class KeycloakWorkersIT {

    @Test
    void workersSurviveTheirRequests() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(passwordGrant("reporter.sjw", "demo", null).statusCode()).isEqualTo(200);
        }
        String log = Files.readString(Path.of("target/test-servers/logs/keycloak.log"));
        // The file may hold an earlier run's lines (it is appended to): read from this start on.
        int started = log.lastIndexOf("Listening on");
        assertThat(started).as("keycloak.log has Keycloak's start").isNotNegative();
        assertThat(log.substring(started)).as("keycloak.log since its start")
                .doesNotContain("Exception in thread", "IllegalAccessError");
    }
}
