package io.kaohe.support.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.testsupport.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The production guard on a real PostgreSQL (zonky): a superuser login stops the start, a service's own role passes. */
class SuperuserLoginIT {

    @Test
    void aSuperuserLoginStopsAProductionStartAndTheServicesOwnRolePasses() throws Exception {
        TestServers.Database db = TestServers.postgres();
        String url = TestServers.database("guarded");
        try (Connection c = DriverManager.getConnection(url, db.user(), db.password()); Statement s = c.createStatement()) {
            s.execute("drop role if exists kaohe_guarded");
            s.execute("create role kaohe_guarded login nosuperuser password 'its-own-password'");
        }
        Map<String, Object> settings = new HashMap<>();
        settings.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://kaohe.example.gov.cn/realms/kaohe");
        settings.put("spring.security.oauth2.client.registration.kaohe-services.client-secret", "f3a9c0e1d2b4");
        settings.put("spring.datasource.url", url);
        settings.put("spring.datasource.username", db.user());
        settings.put("spring.datasource.password", "the-superusers-password");
        settings.put("spring.kafka.bootstrap-servers", "kafka-1:9092");

        assertThatThrownBy(() -> new ProductionGuard().onApplicationEvent(prepared(settings)))
                .isInstanceOf(UnsafeProductionSettings.class)
                .hasMessageContaining("DB_USER (spring.datasource.username): \"" + db.user() + "\" 是超级用户 / is a superuser");

        settings.put("spring.datasource.username", "kaohe_guarded");
        settings.put("spring.datasource.password", "its-own-password");
        new ProductionGuard().onApplicationEvent(prepared(settings));

        // audit-service: its migration login is checked too.
        settings.put("spring.flyway.user", db.user());
        settings.put("spring.flyway.password", "the-owners-password");
        assertThat(ProductionGuard.superuserLogins(name -> (String) settings.get(name))).singleElement().asString()
                .startsWith("DB_MIGRATION_USER (spring.flyway.user): \"" + db.user() + "\" 是超级用户");
        settings.remove("spring.flyway.user");

        settings.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/guarded");
        assertThat(ProductionGuard.superuserLogins(name -> (String) settings.get(name))).as("a server not reachable now: the start fails later")
                .isEmpty();
    }

    private static ApplicationEnvironmentPreparedEvent prepared(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(settings)));
        environment.setActiveProfiles(ProductionGuard.PROFILE);
        return new ApplicationEnvironmentPreparedEvent(null, new SpringApplication(), new String[0], environment);
    }
}
