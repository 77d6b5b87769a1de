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
        assertThat(log).as("keycloak.log").contains("Listening on")
                .doesNotContain("Exception in thread", "IllegalAccessError");
    }
}
