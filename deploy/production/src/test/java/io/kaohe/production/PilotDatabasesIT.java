package io.kaohe.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.servers.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pilot/create-databases.sql run as the pilot PostgreSQL runs it (psql as the superuser, after the image made
 * database keycloak), with .env.example's names and passwords, on a real PostgreSQL (zonky): each service's role
 * is no superuser, owns its database, and may not connect to another one; audit's login is the append-only role.
 */
class PilotDatabasesIT {

    static final Path DIR = HelmChartTest.root().resolve("deploy/production");
    static final String PSQL = System.getenv().getOrDefault("PSQL_PATH", "/usr/bin/psql");
    /** Database, then the variables naming the login the service uses. */
    static final Map<String, String> LOGINS = new LinkedHashMap<>();

    static {
        for (String db : List.of("rubric", "evidence", "scoring", "workflow", "notification", "audit", "keycloak")) {
            LOGINS.put(db, db.toUpperCase() + "_DB_USER");
        }
    }

    @TempDir
    Path data;

    @Test
    void eachServiceGetsItsOwnRoleOwningOnlyItsDatabase() throws Exception {
        assertThat(Path.of(PSQL)).as("Debian's psql (15+: \\getenv): apt-get install -y postgresql-client").isExecutable();
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DIR.resolve(".env.example"))) {
            if (line.matches("[A-Z_]+_DB_[A-Z_]+=.*")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        try (PostgresServer pg = PostgresServer.start(data.resolve("postgres"), 0, data.resolve("logs"))) {
            pg.createDatabases(List.of("keycloak"));
            ProcessBuilder psql = new ProcessBuilder(PSQL, "-h", "127.0.0.1", "-p", Integer.toString(pg.port()), "-U",
                    PostgresServer.SUPERUSER, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "--no-psqlrc", "-f",
                    DIR.resolve("pilot/create-databases.sql").toString()).redirectErrorStream(true);
            psql.environment().putAll(env);
            Process run = psql.start();
            String output = new String(run.getInputStream().readAllBytes());
            assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(run.exitValue()).as(output).isZero();

            String base = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/";
            for (Map.Entry<String, String> login : LOGINS.entrySet()) {
                String db = login.getKey();
                String user = env.get(login.getValue());
                String password = env.get(login.getValue().replace("_USER", "_PASSWORD"));
                assertThat(user).as(login.getValue() + " in .env.example").isNotBlank();
                try (Connection c = DriverManager.getConnection(base + db, user, password); Statement s = c.createStatement()) {
                    assertThat(one(s, "select rolsuper or rolcreatedb or rolcreaterole from pg_roles where rolname = session_user"))
                            .as(user).isEqualTo("f");
                    String owner = db.equals("audit") ? env.get("AUDIT_DB_MIGRATION_USER") : user;
                    assertThat(one(s, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"))
                            .isEqualTo(owner);
                    assertThat(one(s, "select pg_get_userbyid(nspowner) = 'pg_database_owner' from pg_namespace"
                            + " where nspname = 'public'")).as("public belongs to the database's owner").isEqualTo("t");
                }
                for (String other : LOGINS.keySet()) {
                    if (!other.equals(db)) {
                        assertThatThrownBy(() -> DriverManager.getConnection(base + other, user, password).close())
                                .as(user + " connecting to " + other).hasMessageContaining("permission denied for database");
                    }
                }
            }
            assertThat(env.get("AUDIT_DB_USER")).isEqualTo("kaohe_audit_runtime");
            try (Connection c = DriverManager.getConnection(base + "audit", env.get("AUDIT_DB_MIGRATION_USER"),
                    env.get("AUDIT_DB_MIGRATION_PASSWORD")); Statement s = c.createStatement()) {
                assertThat(one(s, "select rolsuper or rolcreaterole from pg_roles where rolname = session_user")).isEqualTo("f");
                // audit-service's migration as this owner: the runtime role exists already, nothing needs a superuser.
                s.execute(Files.readString(HelmChartTest.root()
                        .resolve("audit-service/src/main/resources/db/migration/V1__audit_trail.sql")));
            }
            try (Connection c = DriverManager.getConnection(base + "audit", env.get("AUDIT_DB_USER"),
                    env.get("AUDIT_DB_PASSWORD")); Statement s = c.createStatement()) {
                assertThat(one(s, "select count(*) from import_cursor")).isEqualTo("2");
                for (String change : List.of("update audit_record set reason = 'x'", "delete from audit_record",
                        "truncate audit_record")) {
                    assertThatThrownBy(() -> s.execute(change)).as(change).isInstanceOf(SQLException.class)
                            .hasMessageContaining("permission denied");
                }
            }
        }
    }

    private static String one(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
