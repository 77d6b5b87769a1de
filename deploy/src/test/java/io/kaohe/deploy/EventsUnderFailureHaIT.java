package io.kaohe.deploy;

import static io.kaohe.deploy.RunningHaPlatform.PORTS;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Events under failure on {@code ./platform --ha} ({@link WritesUnderFailure}: a person's writes through the
 * balancer, each write's audit record counted). Drill 3: the Kafka node that leads the audit topic is killed
 * (SIGKILL) and started again 15 s later while the load goes on.
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventsUnderFailureHaIT {

    /** event-contracts' Topics.AUDIT (the launcher does not depend on the contracts). */
    private static final String AUDIT_TOPIC = "kaohe.audit.events";

    private static DrillTarget ha;

    @BeforeAll
    static void startThePlatformInItsProductionShape() throws Exception {
        ha = DrillTarget.ha();
    }

    @Test
    @Order(1)
    void noWriteIsLostOrRecordedTwiceWhenTheLeadingBrokerDies() throws Exception {
        WritesUnderFailure.survive(ha, "drill 3 (broker lost)", Duration.ofSeconds(15), "kafka-" + leaderOf(AUDIT_TOPIC));
    }

    /**
     * Drill 6: the consumer group rebalances twice under the same load — an audit-service instance
     * killed in the middle of its batches (its partitions move to the other one once its session
     * times out, with what it had not committed) and started again (they move back).
     */
    @Test
    @Order(2)
    void noWriteIsLostOrRecordedTwiceWhenTheConsumerGroupRebalances() throws Exception {
        WritesUnderFailure.survive(ha, "drill 6 (consumer group rebalanced)", Duration.ofSeconds(15), "audit-service-1");
    }

    /**
     * Drill 4: Kafka stopped entirely — all three nodes killed at once — for a minute (a compressed five) while the
     * person keeps saving: every write still answered 200 at once (the outbox keeps its event in the write's own
     * transaction), and once the cluster is back every outbox entry of every service is published (the resubmission
     * sends what Kafka did not acknowledge) and each write's audit record arrives exactly once.
     */
    @Test
    @Order(3)
    void everyOutboxEntryIsPublishedAfterKafkaWasDownEntirely() throws Exception {
        Timestamp from = WritesUnderFailure.databaseNow(ha);
        WritesUnderFailure.survive(ha, "drill 4 (Kafka down entirely)", Duration.ofSeconds(60), "kafka-1", "kafka-2",
                "kafka-3");
        WritesUnderFailure.everyOutboxEntryPublished(ha, "drill 4", from);
    }

    /** The node id of the leader of a topic's first partition. */
    private static int leaderOf(String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafkaNode(1));
        try (Admin admin = Admin.create(props)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(0).leader().id();
        }
    }
}
