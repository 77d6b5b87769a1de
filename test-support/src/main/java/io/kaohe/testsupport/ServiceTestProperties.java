package io.kaohe.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a service under test at the real test servers: its own database, the Kafka broker,
 * and the Keycloak realm as token issuer. Use from a {@code @DynamicPropertySource} method.
 */
public final class ServiceTestProperties {

    private ServiceTestProperties() {
    }

    public static void register(DynamicPropertyRegistry registry, String database) {
        registry.add("spring.datasource.url", () -> TestServers.database(database));
        registry.add("spring.datasource.username", () -> TestServers.postgres().user());
        registry.add("spring.datasource.password", () -> TestServers.postgres().password());
        registry.add("spring.kafka.bootstrap-servers", TestServers::kafkaBootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", Tokens::issuer);
        registry.add("kaohe.outbox.resubmit-every", () -> "PT2S");
    }
}
