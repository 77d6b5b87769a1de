package io.kaohe.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a service under test at the real test servers: its own database, the Kafka broker,
 * and the Keycloak realm as token issuer. Use from a {@code @DynamicPropertySource} method, or
 * {@link #arguments} for a service the test starts and stops itself.
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

    /**
     * The command-line arguments (they outrank the application's own configuration) of a service the test starts
     * itself ({@code SpringApplicationBuilder.run}): the database and broker given, a producer that gives up within
     * seconds when the broker is away, no token issuer, the outbox's resubmission out of the way, any free port;
     * then {@code more}, as {@code --name=value}.
     */
    public static String[] arguments(String databaseUrl, String kafka, String... more) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", databaseUrl);
        properties.put("spring.datasource.username", TestServers.postgres().user());
        properties.put("spring.datasource.password", TestServers.postgres().password());
        properties.put("spring.kafka.bootstrap-servers", kafka);
        properties.put("spring.kafka.producer.properties.max.block.ms", "2000");
        properties.put("spring.kafka.producer.properties.delivery.timeout.ms", "3000");
        properties.put("spring.kafka.producer.properties.request.timeout.ms", "1000");
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://127.0.0.1:9/realms/none");
        properties.put("kaohe.outbox.resubmit-every", "PT1H");
        properties.put("server.port", "0");
        return Stream.concat(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()),
                Stream.of(more)).toArray(String[]::new);
    }
}
