package io.kaohe.support.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ProductionGuardTest {

    /** What a correctly configured service sees: every secret the operator's own, the issuer on https. */
    private static Map<String, Object> safe() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://kaohe.example.gov.cn/realms/kaohe");
        settings.put("spring.security.oauth2.client.registration.kaohe-services.client-secret", "f3a9c0e1d2b4");
        settings.put("spring.datasource.url", "jdbc:postgresql://db.county.local:5432/rubric");
        settings.put("spring.datasource.password", "s3cret-of-the-county");
        settings.put("spring.kafka.bootstrap-servers", "kafka-1:9092,kafka-2:9092,kafka-3:9092");
        settings.put("kaohe.demo-data", "false");
        return settings;
    }

    @Test
    void acceptsTheOperatorsOwnSettings() {
        assertThat(faults(safe())).isEmpty();
    }

    @Test
    void refusesEachPublishedDemoSecret() {
        Map<String, Object> settings = safe();
        settings.put("spring.security.oauth2.client.registration.kaohe-services.client-secret", "kaohe-services-local-secret");
        settings.put("spring.datasource.password", "admin");
        settings.put("kaohe.evidence.s3.endpoint", "http://minio:9000");
        settings.put("kaohe.evidence.s3.access-key", "kaohe");
        settings.put("kaohe.evidence.s3.secret-key", "kaohe-local-secret");
        List<String> faults = faults(settings);
        assertThat(faults).hasSize(3);
        assertThat(faults.get(0)).startsWith("KAOHE_SERVICES_SECRET ").contains("kaohe-services-local-secret", "openssl rand");
        assertThat(faults.get(1)).startsWith("DB_PASSWORD ").contains("\"admin\"");
        assertThat(faults.get(2)).startsWith("S3_SECRET_KEY ").contains("kaohe-local-secret");
    }

    @Test
    void refusesThePlaceholdersOfTheShippedExampleFiles() {
        Map<String, Object> settings = safe();
        settings.put("spring.datasource.password", "change-me-db-password");
        assertThat(faults(settings)).singleElement().asString().startsWith("DB_PASSWORD ")
                .contains("example file's placeholder");
    }

    @Test
    void refusesMissingSecretsAndNamesTheVariableToSet() {
        Map<String, Object> settings = safe();
        settings.put("spring.security.oauth2.client.registration.kaohe-services.client-secret", "  ");
        settings.remove("spring.datasource.password");
        settings.put("spring.kafka.bootstrap-servers", "");
        assertThat(faults(settings)).extracting(f -> f.substring(0, f.indexOf(' ')))
                .containsExactly("KAOHE_SERVICES_SECRET", "DB_PASSWORD", "KAFKA_BOOTSTRAP");
        assertThat(faults(settings)).allSatisfy(f -> assertThat(f).contains("not set", "expected:"));
    }

    @Test
    void theStoreKeysAreCheckedOnlyWhereTheServiceHasAStore() {
        Map<String, Object> settings = safe();
        assertThat(faults(settings)).as("scoring-service has no store settings").isEmpty();
        settings.put("kaohe.evidence.s3.endpoint", "");
        settings.put("kaohe.evidence.s3.access-key", "");
        settings.put("kaohe.evidence.s3.secret-key", "");
        assertThat(faults(settings)).extracting(f -> f.substring(0, f.indexOf(' ')))
                .containsExactly("S3_ENDPOINT", "S3_ACCESS_KEY", "S3_SECRET_KEY");
    }

    @Test
    void theNotificationSecretsAreCheckedOnlyInTheNotificationService() {
        Map<String, Object> settings = safe();
        assertThat(faults(settings)).as("scoring-service has neither the directory client nor webhooks").isEmpty();
        settings.put("spring.security.oauth2.client.registration.kaohe-directory.client-secret",
                "kaohe-notification-local-secret");
        settings.put("kaohe.notifications.webhook.secret", "kaohe-webhook-local-secret");
        List<String> faults = faults(settings);
        assertThat(faults).hasSize(2);
        assertThat(faults.get(0)).startsWith("KAOHE_DIRECTORY_SECRET ").contains("kaohe-notification-local-secret",
                "demo secret published");
        assertThat(faults.get(1)).startsWith("KAOHE_WEBHOOK_SECRET ").contains("kaohe-webhook-local-secret",
                "demo secret published");
        settings.put("spring.security.oauth2.client.registration.kaohe-directory.client-secret", "");
        settings.put("kaohe.notifications.webhook.secret", "9c1e77a0b5d3f2");
        assertThat(faults(settings)).singleElement().asString().startsWith("KAOHE_DIRECTORY_SECRET ").contains("not set");
    }

    @Test
    void theAuditTrailsRoleArchiveAndMigrationPasswordAreCheckedOnlyInTheAuditService() {
        Map<String, Object> settings = safe();
        assertThat(faults(settings)).as("scoring-service has no audit trail of its own").isEmpty();
        settings.put("kaohe.audit.runtime-role", "");
        settings.put("kaohe.audit.archive-dir", "audit-archive");
        settings.put("spring.flyway.password", "kaohe-local-secret");
        List<String> faults = faults(settings);
        assertThat(faults).hasSize(3);
        assertThat(faults.get(0)).startsWith("AUDIT_RUNTIME_ROLE ").contains("not set", "append-only");
        assertThat(faults.get(1)).startsWith("AUDIT_ARCHIVE_DIR ").contains("\"audit-archive\"", "relative path");
        assertThat(faults.get(2)).startsWith("DB_MIGRATION_PASSWORD ").contains("demo secret published");
        settings.put("kaohe.audit.runtime-role", "kaohe_audit_runtime");
        settings.put("kaohe.audit.archive-dir", "/var/lib/kaohe/audit-archive");
        settings.put("spring.flyway.password", "the-owners-own-password");
        assertThat(faults(settings)).isEmpty();
    }

    @Test
    void refusesTheLocalDemoRealmOnPlainHttpAndAnyIssuerWithoutTls() {
        Map<String, Object> settings = safe();
        settings.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://127.0.0.1:8180/realms/kaohe");
        assertThat(faults(settings)).singleElement().asString().startsWith("ISSUER_URI ")
                .contains("local demo realm", "not an https URL");
        settings.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://keycloak.county.local/realms/kaohe");
        assertThat(faults(settings)).singleElement().asString().contains("not an https URL")
                .doesNotContain("local demo realm");
        settings.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://127.0.0.1:12443/realms/kaohe");
        assertThat(faults(settings)).as("https, even on this machine behind its own proxy").isEmpty();
    }

    @Test
    void refusesTheDemoData() {
        Map<String, Object> settings = safe();
        settings.put("kaohe.demo-data", "true");
        assertThat(faults(settings)).singleElement().asString().startsWith("KAOHE_DEMODATA ").contains("switched on");
    }

    @Test
    void stopsStartUpOnlyWithTheProductionProfile() {
        Map<String, Object> settings = safe();
        settings.put("spring.security.oauth2.client.registration.kaohe-services.client-secret", "kaohe-services-local-secret");
        StandardEnvironment local = environment(settings);
        new ProductionGuard().onApplicationEvent(prepared(local));

        StandardEnvironment production = environment(settings);
        production.setActiveProfiles("production");
        assertThatThrownBy(() -> new ProductionGuard().onApplicationEvent(prepared(production)))
                .isInstanceOf(UnsafeProductionSettings.class)
                .hasMessageContaining("production mode refuses to start")
                .hasMessageContaining("KAOHE_SERVICES_SECRET");
    }

    private static List<String> faults(Map<String, Object> settings) {
        return ProductionGuard.faults(ProductionGuard.SERVICE_RULES,
                name -> settings.containsKey(name) ? String.valueOf(settings.get(name)) : null);
    }

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return environment;
    }

    private static ApplicationEnvironmentPreparedEvent prepared(StandardEnvironment environment) {
        return new ApplicationEnvironmentPreparedEvent(null, new SpringApplication(), new String[0], environment);
    }
}
