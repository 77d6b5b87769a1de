package io.kaohe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The reliability drills of {@code ./platform --ha} ({@code *HaIT}, {@code deploy/bin/reliability-tests}) on a small
 * scale in {@code ./mvnw verify}: on the one platform the other end-to-end classes used, after them, each part killed
 * (SIGKILL) and started again by the launcher itself (as {@code ./platform} does for any part that dies), with the
 * same drill code and the same counts. What needs a second instance (a gateway's session taken over, an engine's
 * jobs taken over while it is away, a node of three) is drilled only in HA mode.
 */
@Order(40)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrillsOnOnePlatformIT {

    private static DrillTarget platform;

    @BeforeAll
    static void theOnePlatform() throws Exception {
        platform = DrillTarget.onePlatform();
    }

    /** Drills 3 and 4 in one: the only Kafka broker killed under writes; nothing lost, nothing twice. */
    @Test
    @Order(1)
    void noWriteIsLostOrRecordedTwiceWhenKafkaDies() throws Exception {
        Timestamp from = WritesUnderFailure.databaseNow(platform);
        WritesUnderFailure.survive(platform, "drill 3/4 (Kafka killed)", Duration.ZERO, "kafka");
        WritesUnderFailure.everyOutboxEntryPublished(platform, "drill 3/4", from);
    }

    /** Drill 6: the consumer killed in the middle of its batches; the group rebalances when it comes back. */
    @Test
    @Order(2)
    void noWriteIsLostOrRecordedTwiceWhenTheConsumerDies() throws Exception {
        WritesUnderFailure.survive(platform, "drill 6 (audit-service killed)", Duration.ZERO, "audit-service");
    }

    /** Drill 5: PostgreSQL killed while reads flow; 200 or a 503 problem, never a 500; everything recovers. */
    @Test
    @Order(3)
    void theServicesRecoverByThemselvesWhenTheDatabaseDies() throws Exception {
        DatabaseOutage.drill(platform, Duration.ZERO, false);
    }

    /** Drill 10: evidence-service killed during a 64 MB resumable upload, which finishes once it is back. */
    @Test
    @Order(4)
    void anUploadFinishesWhenEvidenceServiceDiesMidway() throws Exception {
        UploadUnderFailure.drill(platform, "evidence-service", 8);
    }

    /** The launcher said so each time it started a part again, and nothing else died meanwhile. */
    @Test
    @Order(5)
    void theLauncherStartedEachKilledPartAgain() throws Exception {
        String output = RunningPlatform.output();
        for (String part : new String[] {"kafka", "audit-service", "postgres", "evidence-service"}) {
            assertThat(output).as("the launcher's output").contains(part + DrillTarget.RESTARTED);
        }
        assertThat(output.split("ended while the platform runs", -1).length - 1)
                .as("parts the launcher saw end (the four killed, nothing else)").isEqualTo(4);
    }
}
