package io.kaohe.audit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.events.AuditRecorded;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.testsupport.Await;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The meters deploy/observability's alert rules read: the newest verification's verdict and age, the
 * intake's delay, the live count, and the Kafka consumer's lag (Spring Boot's Kafka client metrics).
 */
class TrailMetersIT extends AuditITBase {

    @Autowired
    MeterRegistry registry;

    @Test
    void theVerificationsVerdictAndAgeTheIntakeAndTheConsumersLagAreMetered() {
        EventEnvelope<AuditRecorded> sent = send(record("rubric-service", "office", null, "SUCCESS", "publish", null));
        Await.until(() -> countOf(sent.id()) == 1, "the record in the chain");
        assertThat(call(HttpMethod.POST, "/api/audit/verification", "auditor").getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(gauge("kaohe.audit.chain.intact")).isEqualTo(1.0);
        assertThat(gauge("kaohe.audit.verification.age")).isBetween(0.0, 60.0);
        assertThat(gauge("kaohe.audit.records.live")).isGreaterThanOrEqualTo(1.0);
        assertThat(gauge("kaohe.audit.intake.delay")).isBetween(0.0, 60.0);
        assertThat(registry.find("kafka.consumer.fetch.manager.records.lag.max").gauges())
                .as("the alert on a lagging intake reads the consumer's lag").isNotEmpty();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }
}
