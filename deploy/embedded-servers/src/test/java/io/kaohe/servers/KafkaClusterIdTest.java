package io.kaohe.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class KafkaClusterIdTest {

    @Test
    void anIdIsSixteenBytesAndNeverLooksLikeAnOptionToKafkaStorage() {
        for (int i = 0; i < 5_000; i++) {
            String id = KafkaBroker.newClusterId();
            assertThat(id).as("kafka-storage format -t <id>").doesNotStartWith("-").hasSize(22);
            assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
        }
    }
}
