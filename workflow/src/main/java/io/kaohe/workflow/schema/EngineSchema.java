package io.kaohe.workflow.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camunda's tables in workflow's database, created and upgraded by the Liquibase change log that camunda-engine
 * ships (one change set per minor version's upgrade script, tagged 7.16.0 … 7.24.0) before the engine starts; the
 * engine only checks that they match its version ({@code camunda.bpm.database.schema-update: false}). An upgrade of
 * Camunda is then a new camunda-engine version: its change log brings the upgrade scripts, applied here once, under
 * Liquibase's lock (two engines may start at once).
 *
 * <p>A database whose tables the engine made itself (every release before this one ran with schema-update) is first
 * recorded as being at its installed version ({@code changelogSyncToTag}, as Camunda's guide to moving to Liquibase
 * says), so only the later upgrades run. A database newer than this engine is refused: no downgrades.
 */
public class EngineSchema extends SpringLiquibase {

    static final String CHANGE_LOG = "classpath:org/camunda/bpm/engine/db/liquibase/camunda-changelog.xml";

    private static final Logger log = LoggerFactory.getLogger(EngineSchema.class);
    private static final Pattern MINOR = Pattern.compile("(\\d+)\\.(\\d+)");

    public EngineSchema(DataSource dataSource) {
        setDataSource(dataSource);
        setChangeLog(CHANGE_LOG);
        // Camunda's change sets, apart from the Flyway history of workflow's own tables.
        setDatabaseChangeLogTable("camunda_schema_changelog");
        setDatabaseChangeLogLockTable("camunda_schema_changelog_lock");
    }

    @Override
    protected void performUpdate(Liquibase liquibase) throws LiquibaseException {
        String installed = installedVersion();
        if (installed != null) {
            String installedTag = minorTag(installed);
            String engine = minorTag(ProductPropertiesUtil.getProductVersion());
            if (installedTag == null || compare(installedTag, engine) > 0) {
                throw new IllegalStateException("workflow's database holds Camunda's tables of version " + installed
                        + ", not one this engine (" + engine + ") can upgrade from: a release cannot be downgraded; "
                        + "restore the backup taken before the upgrade or start the newer release");
            }
            if (!tracked()) {
                log.info("Camunda's tables of version {} were made by the engine itself: recorded as such in {}; "
                        + "later upgrades run from there", installed, getDatabaseChangeLogTable());
                liquibase.changeLogSync(installedTag, (String) null);
            }
        }
        super.performUpdate(liquibase);
    }

    /** The version Camunda's tables are at (the last line of its ACT_GE_SCHEMA_LOG), or null when there are none. */
    private String installedVersion() {
        try (Connection connection = getDataSource().getConnection()) {
            if (!tableExists(connection, "act_ge_property")) return null;
            if (!tableExists(connection, "act_ge_schema_log")) {
                throw new IllegalStateException("workflow's database holds Camunda tables older than 7.6 (no "
                        + "ACT_GE_SCHEMA_LOG): upgrade them with Camunda's scripts to 7.16 or later first");
            }
            try (var statement = connection.prepareStatement(
                    "select version_ from act_ge_schema_log order by cast(id_ as bigint) desc limit 1");
                 ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the version of Camunda's tables", e);
        }
    }

    /** True when Liquibase already keeps Camunda's change sets for this database. */
    private boolean tracked() {
        try (Connection connection = getDataSource().getConnection()) {
            if (!tableExists(connection, getDatabaseChangeLogTable())) return false;
            try (var statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select count(*) from " + getDatabaseChangeLogTable())) {
                return rows.next() && rows.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + getDatabaseChangeLogTable(), e);
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (var statement = connection.prepareStatement(
                "select 1 from information_schema.tables where table_schema = current_schema() and lower(table_name) = ?")) {
            statement.setString(1, table.toLowerCase());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** "7.24.0", "7.24.3" or "7.24.0-ee" → the change log's tag "7.24.0". */
    static String minorTag(String version) {
        if (version == null) return null;
        Matcher m = MINOR.matcher(version);
        return m.find() ? m.group(1) + "." + m.group(2) + ".0" : null;
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) return c;
        }
        return Integer.compare(x.length, y.length);
    }
}
