package io.kaohe.rubric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.support.production.UnsafeProductionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * rubric-service itself, started as production starts it, with the local platform's settings: it
 * refuses before touching any server (none runs for this test) and says what to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionStartupTest {

    @Test
    void refusesToStartInProductionWithTheDemoSecretsTheDemoDataAndTheLocalRealm(CapturedOutput output) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(RubricServiceApplication.class);
        String[] localPlatformSettings = {"--spring.profiles.active=production",
                "--spring.security.oauth2.client.registration.kaohe-services.client-secret=kaohe-services-local-secret",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:8180/realms/kaohe",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:15432/rubric",
                "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=127.0.0.1:19092",
                "--kaohe.demo-data=true"};

        assertThatThrownBy(() -> app.run(localPlatformSettings)).isInstanceOf(UnsafeProductionSettings.class)
                .hasMessageContaining("production mode refuses to start")
                .hasMessageContaining("KAOHE_SERVICES_SECRET (spring.security.oauth2.client.registration.kaohe-services"
                        + ".client-secret): 是随源码公开的演示密钥 \"kaohe-services-local-secret\"")
                .hasMessageContaining("ISSUER_URI").hasMessageContaining("local demo realm over plain http")
                .hasMessageContaining("DB_PASSWORD").hasMessageContaining("KAOHE_DEMODATA");
        assertThat(output).contains("APPLICATION FAILED TO START", "Set the variables above in kaohe.env")
                .doesNotContain("HikariPool", "Flyway");
    }

    @Test
    void withoutTheProductionProfileTheSameSettingsAreTheLocalPlatformsAndPassTheGuard() {
        // The guard stays out of the way of ./platform and the tests; this start fails later, on the absent database.
        SpringApplicationBuilder app = new SpringApplicationBuilder(RubricServiceApplication.class);
        assertThatThrownBy(() -> app.run("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                "--kaohe.demo-data=true", "--server.port=0")).isNotInstanceOf(UnsafeProductionSettings.class);
    }
}
