package io.kaohe.deploy;

import io.kaohe.servers.StartupFailure;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each database of the embedded PostgreSQL with its own login role ({@code kaohe_<database>}): not a superuser,
 * may not create databases or roles, owns its database and the schema {@code public} in it and nothing else;
 * no other role but the superuser may connect to the database. audit-service also gets
 * {@value #AUDIT_RUNTIME} as a login of its own: the service works as that role (INSERT and SELECT on the
 * trail only, granted by audit's migration V1), while {@code kaohe_audit} owns the tables and migrates them.
 *
 * <p>The passwords are generated once per data folder and kept in {@code postgres-roles.properties}
 * (readable by its owner only), so a restart logs in with the same ones. A data folder from before, whose
 * tables the superuser owns, is handed over once: every table, view, sequence and function in {@code public}
 * not owned by the database's role gets it as owner (their grants kept), and the superuser's default
 * privileges there are given again for the new owner (audit's runtime role on tables migrations add later).
 */
final class DatabaseRoles {

    static final String AUDIT_RUNTIME = "kaohe_audit_runtime";
    static final String FILE = "postgres-roles.properties";
    private static final Logger log = LoggerFactory.getLogger(DatabaseRoles.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A role and its password. */
    record Login(String user, String password) {
    }

    /** The logins of one database: the owner, and who the service connects as (the owner but for audit). */
    record DatabaseLogins(Login owner, Login runtime) {
    }

    private DatabaseRoles() {
    }

    static String roleOf(String database) {
        return "kaohe_" + database;
    }

    /**
     * Creates (or brings into shape) the roles and databases through the superuser's connection at
     * {@code jdbcBase} ({@code jdbc:postgresql://host:port/}); returns each database's logins.
     */
    static Map<String, DatabaseLogins> ensure(String jdbcBase, String superuser, String superPassword,
                                              List<String> databases, Path passwordFile) {
        Properties passwords = load(passwordFile);
        Map<String, DatabaseLogins> logins = new LinkedHashMap<>();
        List<String> roles = new ArrayList<>();
        for (String database : databases) {
            if (!database.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain database name: " + database);
            }
            roles.add(roleOf(database));
        }
        if (databases.contains("audit")) {
            roles.add(AUDIT_RUNTIME);
        }
        boolean added = false;
        for (String role : roles) {
            if (passwords.getProperty(role) == null) {
                passwords.setProperty(role, HexFormat.of().formatHex(randomBytes()));
                added = true;
            }
        }
        if (added || !Files.exists(passwordFile)) {
            store(passwords, passwordFile);
        }
        try (Connection admin = DriverManager.getConnection(jdbcBase + "postgres", superuser, superPassword);
             Statement s = admin.createStatement()) {
            for (String role : roles) {
                String password = passwords.getProperty(role).replace("'", "''");
                String shape = " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password '"
                        + password + "'";
                s.execute((exists(s, "select 1 from pg_roles where rolname = '" + role + "'")
                        ? "alter role " : "create role ") + role + shape);
            }
            requirePasswords(s, superuser);
            if (databases.contains("audit")) {
                // The audit service's login takes the append-only role (set role), whoever logs in for it.
                s.execute("grant " + AUDIT_RUNTIME + " to " + roleOf("audit"));
            }
            // The maintenance database is the superuser's alone (the launcher's and zonky's checks).
            s.execute("revoke connect, temporary on database postgres from public");
            for (String database : databases) {
                String role = roleOf(database);
                if (exists(s, "select 1 from pg_database where datname = '" + database + "'")) {
                    s.execute("alter database " + database + " owner to " + role);
                } else {
                    s.execute("create database " + database + " owner " + role);
                }
                s.execute("revoke all on database " + database + " from public");
                s.execute("grant connect, temporary on database " + database + " to " + role);
                if (database.equals("audit")) {
                    s.execute("grant connect on database audit to " + AUDIT_RUNTIME);
                }
            }
        } catch (SQLException e) {
            throw new StartupFailure("postgres", null, "could not create the services' roles: " + e.getMessage(), e);
        }
        for (String database : databases) {
            handOver(jdbcBase + database, superuser, superPassword, roleOf(database));
            Login owner = new Login(roleOf(database), passwords.getProperty(roleOf(database)));
            Login runtime = database.equals("audit") ? new Login(AUDIT_RUNTIME, passwords.getProperty(AUDIT_RUNTIME))
                    : owner;
            logins.put(database, new DatabaseLogins(owner, runtime));
        }
        return logins;
    }

    /** The schema public and whatever in it another role owns (tables of an earlier data folder) to {@code role}. */
    private static void handOver(String url, String superuser, String superPassword, String role) {
        try (Connection c = DriverManager.getConnection(url, superuser, superPassword); Statement s = c.createStatement()) {
            s.execute("alter schema public owner to " + role);
            s.execute("revoke create on schema public from public");
            List<String> changes = new ArrayList<>();
            String notPartOfSomethingElse = " and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass"
                    + " and d.objid = c.oid and d.deptype in ('a', 'i', 'e'))";
            try (ResultSet rs = s.executeQuery("select c.oid::regclass::text, c.relkind from pg_class c"
                    + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'"
                    + " and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S') and pg_get_userbyid(c.relowner) <> '" + role + "'"
                    + notPartOfSomethingElse + " order by c.relkind <> 'S'")) {
                while (rs.next()) {
                    String kind = switch (rs.getString(2)) {
                        case "S" -> "sequence";
                        case "v" -> "view";
                        case "m" -> "materialized view";
                        case "f" -> "foreign table";
                        default -> "table";
                    };
                    changes.add("alter " + kind + " " + rs.getString(1) + " owner to " + role);
                }
            }
            try (ResultSet rs = s.executeQuery("select p.oid::regprocedure::text, p.prokind from pg_proc p"
                    + " join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'"
                    + " and pg_get_userbyid(p.proowner) <> '" + role + "' and not exists (select 1 from pg_depend d"
                    + " where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')")) {
                while (rs.next()) {
                    changes.add("alter " + ("a".equals(rs.getString(2)) ? "aggregate " : "routine ") + rs.getString(1)
                            + " owner to " + role);
                }
            }
            // Default privileges the earlier owner set there (audit's runtime role on tables added later).
            try (ResultSet rs = s.executeQuery("select a.defaclobjtype, x.privilege_type, x.grantee::regrole::text,"
                    + " pg_get_userbyid(a.defaclrole) from pg_default_acl a cross join aclexplode(a.defaclacl) x"
                    + " where a.defaclnamespace = 'public'::regnamespace and pg_get_userbyid(a.defaclrole) <> '" + role + "'"
                    + " and x.grantee <> 0"
                    + " and x.grantee <> a.defaclrole")) {
                while (rs.next()) {
                    String on = switch (rs.getString(1)) {
                        case "r" -> "tables";
                        case "S" -> "sequences";
                        case "f" -> "functions";
                        case "T" -> "types";
                        default -> "schemas";
                    };
                    if (!on.equals("schemas")) {
                        changes.add("alter default privileges for role " + role + " in schema public grant "
                                + rs.getString(2) + " on " + on + " to " + rs.getString(3));
                        changes.add("alter default privileges for role " + rs.getString(4) + " in schema public revoke "
                                + rs.getString(2) + " on " + on + " from " + rs.getString(3));
                    }
                }
            }
            if (!changes.isEmpty()) {
                log.info("handing {} object(s) of {} over to {}", changes.size(), url, role);
                c.setAutoCommit(false);
                for (String change : changes) {
                    s.execute(change);
                }
                c.commit();
            }
        } catch (SQLException e) {
            throw new StartupFailure("postgres", null, "could not hand " + url + " over to " + role + ": " + e.getMessage(), e);
        }
    }

    static final String HBA_MARKER = "# kaohe: every role but the superuser logs in with its password";

    /**
     * The embedded server trusts every local connection (initdb -A trust): every role but the superuser (whom the
     * launcher and zonky's readiness check use) must give its password over TCP.
     */
    private static void requirePasswords(Statement s, String superuser) throws SQLException {
        Path hba;
        try (ResultSet rs = s.executeQuery("show hba_file")) {
            rs.next();
            hba = Path.of(rs.getString(1));
        }
        try {
            String rules = Files.readString(hba);
            if (rules.contains(HBA_MARKER)) {
                return;
            }
            Files.writeString(hba, HBA_MARKER + "\nhost all " + superuser + " 127.0.0.1/32 trust\n"
                    + "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n\n" + rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s.execute("select pg_reload_conf()");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static boolean exists(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            return rs.next();
        }
    }

    static Properties load(Path file) {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    private static void store(Properties passwords, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path written = Files.createTempFile(file.getParent(), FILE, ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(written, StandardCharsets.UTF_8)) {
                passwords.store(out, "The services' PostgreSQL roles (generated once for this data folder)");
            }
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
