package io.kaohe.deploy;

import static io.kaohe.deploy.RunningPlatform.PORTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs after every other end-to-end class: the shared platform stops as Ctrl-C stops it. */
@Order(Integer.MAX_VALUE)
class PlatformStopsIT {

    @Test
    void stoppingTheLauncherStopsEveryPart() throws Exception {
        RunningPlatform.start();
        Process platform = RunningPlatform.process();
        int restartsBefore = restarts(RunningPlatform.output());
        platform.destroy(); // SIGTERM: the same shutdown hook Ctrl-C runs
        assertThat(platform.waitFor(2, TimeUnit.MINUTES)).as("the launcher exits").isTrue();
        assertThat(RunningPlatform.output()).contains("Stopped.");
        assertThat(restarts(RunningPlatform.output())).as("parts started again while stopping").isEqualTo(restartsBefore);
        for (int port : List.of(PORTS.gateway(), PORTS.rubric(), PORTS.evidence(), PORTS.scoring(), PORTS.workflow(),
                PORTS.notification(), PORTS.audit(), Ports.management(PORTS.gateway()), Ports.management(PORTS.workflow()),
                Ports.management(PORTS.audit()),
                PORTS.keycloak(), PORTS.postgres(), PORTS.kafka(), PORTS.objectStore(), PORTS.mailSmtp())) {
            assertThat(io.kaohe.servers.Readiness.portOpen("127.0.0.1", port)).as("port " + port + " closed").isFalse();
        }
    }

    /** How often the launcher started a part that died again (it does not while it stops). */
    private static int restarts(String output) {
        return output.split(DrillTarget.RESTARTED, -1).length - 1;
    }
}
