package io.kaohe.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.servers.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's database roles on a real PostgreSQL (zonky, a free port): each service's role is no superuser,
 * reaches only its own database, migrates it (audit's real V1, evidence's pg_trgm) and, for audit, may not change
 * the trail; a data folder from before (everything owned by the superuser) is handed over on start; a restart
 * logs in with the same passwords.
 */
class DatabaseRolesIT {

    static final Path AUDIT_V1 = Path.of("..").toAbsolutePath().normalize()
            .resolve("audit-service/src/main/resources/db/migration/V1__audit_trail.sql");
    static final List<String> DATABASES = List.of("rubric", "evidence", "audit", "keycloak");

    @TempDir
    Path data;

    @Test
    void eachServiceRoleOwnsOnlyItsDatabaseMigratesItAndMayNotChangeTheAuditTrail() throws Exception {
        try (PostgresServer pg = PostgresServer.start(data.resolve("postgres"), 0, data.resolve("logs"))) {
            String base = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/";
            Map<String, DatabaseRoles.DatabaseLogins> logins = DatabaseRoles.ensure(base, PostgresServer.SUPERUSER, "",
                    DATABASES, data.resolve(DatabaseRoles.FILE));

            // Migrations as the owner, no superuser: audit's V1 (the runtime role made by the launcher beforehand)
            // and evidence's trusted extension.
            try (Connection audit = connect(base, "audit", logins.get("audit").owner()); Statement s = audit.createStatement()) {
                s.execute(Files.readString(AUDIT_V1));
            }
            try (Connection evidence = connect(base, "evidence", logins.get("evidence").owner());
                 Statement s = evidence.createStatement()) {
                s.execute("create extension if not exists pg_trgm");
                s.execute("create table evidence_file (id bigint generated always as identity primary key, name text)");
                s.execute("create index on evidence_file using gin (name gin_trgm_ops)");
            }
            assertRolesConfined(base, logins);
            assertAuditTrailAppendOnly(base, logins.get("audit").runtime(), true);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(DatabaseRoles.FILE))))
                    .isEqualTo("rw-------");
            assertThatThrownBy(() -> connect(base, "rubric", new DatabaseRoles.Login("kaohe_rubric", "not-its-password")))
                    .as("a role logs in with its password only").hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void aDataFolderFromBeforeIsHandedOverOnceAndARestartKeepsThePasswords() throws Exception {
        Path folder = data.resolve("postgres");
        try (PostgresServer pg = PostgresServer.start(folder, 0, data.resolve("logs"))) {
            // As every data folder was until now: the superuser made and migrated everything.
            pg.createDatabases(DATABASES);
            String base = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/";
            try (Connection rubric = superuser(base, "rubric"); Statement s = rubric.createStatement()) {
                s.execute("create table rubric (id bigint generated always as identity primary key, code text)");
                s.execute("create sequence rubric_number");
                s.execute("create view rubric_codes as select code from rubric");
                s.execute("create function rubric_count() returns bigint language sql as 'select count(*) from rubric'");
                s.execute("insert into rubric (code) values ('2026')");
            }
            try (Connection audit = superuser(base, "audit"); Statement s = audit.createStatement()) {
                s.execute(Files.readString(AUDIT_V1));
            }
        }
        Properties first;
        try (PostgresServer pg = PostgresServer.start(folder, 0, data.resolve("logs"))) {
            String base = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/";
            Map<String, DatabaseRoles.DatabaseLogins> logins = DatabaseRoles.ensure(base, PostgresServer.SUPERUSER, "",
                    DATABASES, data.resolve(DatabaseRoles.FILE));
            first = DatabaseRoles.load(data.resolve(DatabaseRoles.FILE));
            try (Connection c = superuser(base, "rubric"); Statement s = c.createStatement()) {
                assertThat(strings(s, "select c.relname || ' ' || pg_get_userbyid(c.relowner) from pg_class c where"
                        + " c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'S', 'v', 'i') order by 1"))
                        .containsExactly("rubric kaohe_rubric", "rubric_codes kaohe_rubric", "rubric_id_seq kaohe_rubric",
                                "rubric_number kaohe_rubric", "rubric_pkey kaohe_rubric");
                assertThat(strings(s, "select pg_get_userbyid(proowner) from pg_proc where proname = 'rubric_count'"))
                        .containsExactly("kaohe_rubric");
            }
            try (Connection rubric = connect(base, "rubric", logins.get("rubric").owner()); Statement s = rubric.createStatement()) {
                s.execute("alter table rubric add column name text");
                s.execute("insert into rubric (code) values ('2027')");
                assertThat(strings(s, "select rubric_count()")).containsExactly("2");
                assertThat(strings(s, "select nextval('rubric_number')")).containsExactly("1");
            }
            try (Connection audit = superuser(base, "audit"); Statement s = audit.createStatement()) {
                assertThat(strings(s, "select distinct pg_get_userbyid(relowner) from pg_class"
                        + " where relnamespace = 'public'::regnamespace")).containsExactly("kaohe_audit");
                assertThat(strings(s, "select pg_get_userbyid(proowner) from pg_proc where proname = 'audit_archive'"))
                        .containsExactly("kaohe_audit");
            }
            // A table a later migration adds (now as the new owner) is the runtime role's as before.
            try (Connection audit = connect(base, "audit", logins.get("audit").owner()); Statement s = audit.createStatement()) {
                s.execute("create table later_platform_table (id bigint primary key)");
            }
            try (Connection audit = connect(base, "audit", logins.get("audit").runtime()); Statement s = audit.createStatement()) {
                s.execute("insert into later_platform_table values (1)");
            }
            assertRolesConfined(base, logins);
            assertAuditTrailAppendOnly(base, logins.get("audit").runtime(), true);
        }
        try (PostgresServer pg = PostgresServer.start(folder, 0, data.resolve("logs"))) {
            String base = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/";
            Map<String, DatabaseRoles.DatabaseLogins> again = DatabaseRoles.ensure(base, PostgresServer.SUPERUSER, "",
                    DATABASES, data.resolve(DatabaseRoles.FILE));
            assertThat(DatabaseRoles.load(data.resolve(DatabaseRoles.FILE))).isEqualTo(first);
            assertThat(again.get("rubric").owner().password()).isEqualTo(first.getProperty("kaohe_rubric"));
            try (Connection rubric = connect(base, "rubric", again.get("rubric").owner()); Statement s = rubric.createStatement()) {
                assertThat(strings(s, "select code from rubric order by id")).containsExactly("2026", "2027");
            }
        }
    }

    /** Every role: no superuser, no CREATEDB/CREATEROLE, owner of its database, refused by every other one. */
    static void assertRolesConfined(String base, Map<String, DatabaseRoles.DatabaseLogins> logins) throws SQLException {
        for (Map.Entry<String, DatabaseRoles.DatabaseLogins> entry : logins.entrySet()) {
            for (DatabaseRoles.Login login : List.of(entry.getValue().owner(), entry.getValue().runtime())) {
                try (Connection own = connect(base, entry.getKey(), login); Statement s = own.createStatement()) {
                    assertThat(strings(s, "select rolsuper or rolcreatedb or rolcreaterole or rolbypassrls from pg_roles"
                            + " where rolname = session_user")).as(login.user()).containsExactly("f");
                    assertThat(strings(s, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"))
                            .containsExactly(entry.getValue().owner().user());
                }
                List<String> others = new java.util.ArrayList<>(logins.keySet());
                others.add("postgres");
                for (String other : others) {
                    if (!other.equals(entry.getKey())) {
                        assertThatThrownBy(() -> connect(base, other, login).close())
                                .as(login.user() + " connecting to " + other)
                                .hasMessageContaining("permission denied for database");
                    }
                }
            }
        }
    }

    /** As the audit service works: reads and appends; UPDATE, DELETE and TRUNCATE are refused. */
    static void assertAuditTrailAppendOnly(String base, DatabaseRoles.Login runtime, boolean append) throws SQLException {
        try (Connection audit = connect(base, "audit", runtime); Statement s = audit.createStatement()) {
            if (append) {
                s.execute("insert into audit_record (seq, event_id, source, category, outcome, occurred_at, recorded_at,"
                    + " prev_digest, digest) values ((select coalesce(max(seq), 0) + 1 from audit_record), gen_random_uuid(),"
                    + " 'test', 'WRITE', 'SUCCEEDED', now(), now(), repeat('0', 64), repeat('1', 64))");
            }
            assertThat(strings(s, "select count(*) > 0 from audit_record")).containsExactly("t");
            for (String change : List.of("update audit_record set reason = 'x'", "delete from audit_record",
                    "truncate audit_record", "alter table audit_record disable trigger user", "drop table audit_record")) {
                assertThatThrownBy(() -> s.execute(change)).as(change).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42501"));
            }
        }
    }

    static Connection connect(String base, String database, DatabaseRoles.Login login) throws SQLException {
        return DriverManager.getConnection(base + database, login.user(), login.password());
    }

    static Connection superuser(String base, String database) throws SQLException {
        return DriverManager.getConnection(base + database, PostgresServer.SUPERUSER, "");
    }

    static List<String> strings(Statement s, String query) throws SQLException {
        List<String> values = new java.util.ArrayList<>();
        try (ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
