package io.kaohe.support.migration;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;

/**
 * Migrates the platform tables every service shares (outbox, processed events, security
 * audit) under their own history table, then the service's own migrations. Keeping two
 * histories lets both evolve without their version numbers ever colliding.
 */
public class PlatformSchemaMigration implements FlywayMigrationStrategy {

    @Override
    public void migrate(Flyway serviceMigrations) {
        Flyway.configure()
              .configuration(serviceMigrations.getConfiguration())
              .locations("classpath:db/platform")
              .table("flyway_platform_history")
              .baselineOnMigrate(true)
              .baselineVersion("0")
              .load()
              .migrate();
        serviceMigrations.migrate();
    }
}
