package io.kaohe.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServersIT {

    // Kept when a test fails, so the servers' logs can be read.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void postgresKeepsItsDataAcrossRestarts() throws Exception {
        Path data = dir.resolve("pg");
        int port;
        try (PostgresServer pg = PostgresServer.start(data, 0, dir.resolve("logs"))) {
            port = pg.port();
            pg.createDatabases(List.of("rubric"));
            pg.createDatabases(List.of("rubric")); // a second call is harmless
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("rubric"), "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("create table kept(v text)");
                s.execute("insert into kept values ('考核')");
            }
        }
        try (PostgresServer pg = PostgresServer.start(data, port, dir.resolve("logs"));
             Connection c = DriverManager.getConnection(pg.jdbcUrl("rubric"), "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select v, version() from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("考核");
            assertThat(rs.getString(2)).startsWith("PostgreSQL 17");
        }
    }

    @Test
    void kafkaBrokerAcceptsConnectionsAndRestartsOnItsFormattedStorage() {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0, 0, dir.resolve("logs"), Duration.ofSeconds(90))) {
            assertThat(Readiness.portOpen("127.0.0.1", Integer.parseInt(broker.bootstrapServers().split(":")[1]))).isTrue();
        }
        try (KafkaBroker again = KafkaBroker.start(dir.resolve("kafka"), 0, 0, dir.resolve("logs"), Duration.ofSeconds(90))) {
            assertThat(again.process().isAlive()).isTrue();
        }
    }

    @Test
    void objectStoreAnswersS3Requests() {
        try (ObjectStore store = ObjectStore.start(dir.resolve("s3"), 0, "kaohe", "kaohe-secret-key", dir.resolve("logs"),
                Duration.ofSeconds(60))) {
            // Unsigned requests are refused, which proves an S3 endpoint that checks signatures.
            assertThat(Readiness.httpStatus(store.endpoint() + "/")).isEqualTo(403);
        }
    }

    @Test
    void aProcessThatDiesWhileStartingFailsWithItsNameAndLog() {
        ServerProcess process = ServerProcess.start("doomed", List.of(Jdks.currentJava(), "-version-not-an-option"),
                Map.of(), dir, dir.resolve("logs"));
        assertThatThrownBy(() -> process.awaitReady(() -> false, Duration.ofSeconds(30)))
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("doomed failed to start")
                .hasMessageContaining(dir.resolve("logs/doomed.log").toString());
        assertThat(Files.exists(dir.resolve("logs/doomed.log"))).isTrue();
    }

    @Test
    void newestJdkIsAtLeastTheRunningOne() {
        assertThat(Jdks.featureVersion(Jdks.newestJavaHome()).orElse(0)).isGreaterThanOrEqualTo(Runtime.version().feature());
    }
}
