package io.kaohe.deploy;

import static io.kaohe.deploy.RunningPlatform.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaohe.servers.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The upgrade drill's record of the databases and the bucket, and their comparison across the upgrade: every table of
 * every database ("database.schema.table") with its columns and rows, the migration histories, Camunda's schema
 * change log, the bucket's objects with their SHA-256.
 *
 * <p>An earlier row is held to be unchanged on the columns it had: a column a migration adds may hold anything in the
 * rows it adds, but in the earlier rows it must be null unless {@link #FILLED_FOR_EARLIER_ROWS} names it with why. A
 * table may lose no row, and may change earlier rows only when {@link #REWRITTEN} names it with why; a table a
 * migration drops must be named in {@link #MOVED}, and each of its rows must be found in the table it moved to.
 */
final class UpgradeDatabases {

    private UpgradeDatabases() {
    }

    /**
     * Tables whose earlier rows may change by design, with the reason and which rows (a "*" stands for any database).
     * Their row counts still may not drop.
     */
    static final Map<String, Rewritten> REWRITTEN = new LinkedHashMap<>();
    /** Columns a migration added that the new release fills in for earlier rows ("database.schema.table.column"), with why. */
    static final Map<String, String> FILLED_FOR_EARLIER_ROWS = new LinkedHashMap<>();
    /** Tables a migration drops, each with the table its rows moved to. */
    static final Map<String, Move> MOVED = new LinkedHashMap<>();

    static {
        // What the runs found changed, each looked at.
        REWRITTEN.put("*.public.shedlock", new Rewritten("ShedLock writes its lock row (lock_until, locked_at, locked_by) "
                + "at every run of a scheduled job", row -> true));
        REWRITTEN.put("audit.public.import_cursor", new Rewritten("audit-service's import of Keycloak's events sets "
                + "moved_at at every poll, and position as Keycloak's new events come (the services' own logins as they "
                + "start)", row -> true));
        REWRITTEN.put("keycloak.public.server_config", new Rewritten("Keycloak counts its starts in "
                + "JGROUPS_ADDRESS_SEQUENCE", row -> row.path("server_config_key").asText().equals("JGROUPS_ADDRESS_SEQUENCE")));
        REWRITTEN.put("workflow.public.act_ru_event_subscr", new Rewritten("a message start event's subscription (no "
                + "process instance) belongs to the newest version of its model: deploying a changed model (rectification's "
                + "整改开启) replaces the earlier version's subscription with its own", row -> row.path("proc_inst_id_").isNull()));
        FILLED_FOR_EARLIER_ROWS.put("evidence.public.evidence_blob.sm3", "V7__evidence_sm3 adds the column; evidence-service's "
                + "Sm3Backfill reads every content stored before it and records its SM3 (30 s after the start)");
        MOVED.put("evidence.public.known_rubric_version", new Move("evidence.public.replica_rubric_version", null,
                "V6__rubric_replica: the published versions move to service-support's shared replica"));
        MOVED.put("evidence.public.unit_item_set", new Move("evidence.public.replica_unit", null,
                "V6__rubric_replica: each unit's item set moves to the shared replica"));
        MOVED.put("evidence.public.unit_item", new Move("evidence.public.replica_unit_item", null,
                "V6__rubric_replica: each unit's items move to the shared replica"));
        MOVED.put("scoring.public.known_rubric_version", new Move("scoring.public.replica_rubric_version", null,
                "V8__rubric_replica: the published versions move to service-support's shared replica"));
        Map<String, String> unitColumns = new LinkedHashMap<>();
        unitColumns.put("version_id", "rubric_version_id");
        unitColumns.put("unit_code", "unit_code");
        unitColumns.put("fetched_at", "fetched_at");
        MOVED.put("scoring.public.unit_items", new Move("scoring.public.replica_unit", unitColumns,
                "V8__rubric_replica: each unit's items (one jsonb body) become a replica_unit row and its replica_unit_item "
                        + "rows; the items are read back through the score sheets"));
    }

    /**
     * Where a dropped table's rows went: the table, and the columns compared (old name → name there; null: every
     * column, by its own name).
     */
    record Move(String to, Map<String, String> columns, String why) {
    }

    /** Why a table's earlier rows may change, and which of them may ({@code row}: the earlier row). */
    record Rewritten(String why, Predicate<JsonNode> row) {
    }

    private static Rewritten rewritten(String table) {
        Rewritten exact = REWRITTEN.get(table);
        return exact != null ? exact : REWRITTEN.get("*" + table.substring(table.indexOf('.')));
    }

    /** A table's columns and its rows (each row as PostgreSQL's {@code to_jsonb}, sorted). */
    record Table(List<String> columns, List<String> rows) {

        long count() {
            return rows.size();
        }
    }

    /**
     * Every table, the migration histories, Camunda's schema change log (each change set with how Liquibase took it:
     * EXECUTED, or MARK_RAN for tables the engine had made), the bucket's objects by path with their SHA-256.
     */
    record Snapshot(Map<String, Table> tables, Map<String, List<String>> migrations, List<String> changeLog,
                    Map<String, String> objects, long objectBytes) {

        long rows() {
            return tables.values().stream().mapToLong(Table::count).sum();
        }

        static Snapshot take(int port, Path data) throws Exception {
            Map<String, Table> tables = new TreeMap<>();
            Map<String, List<String>> migrations = new TreeMap<>();
            List<String> changeLog = new ArrayList<>();
            for (String database : LocalPlatform.DATABASES) {
                try (Connection c = connect(port, database); Statement s = c.createStatement()) {
                    for (String table : tables(c)) {
                        List<String> columns = new ArrayList<>();
                        try (ResultSet rs = s.executeQuery("select * from " + table + " where false")) {
                            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                                columns.add(rs.getMetaData().getColumnName(i));
                            }
                        }
                        List<String> rows = new ArrayList<>();
                        try (ResultSet rs = s.executeQuery("select to_jsonb(t)::text from " + table + " t")) {
                            while (rs.next()) {
                                rows.add(rs.getString(1));
                            }
                        }
                        rows.sort(null);
                        tables.put(database + "." + table, new Table(columns, rows));
                        String name = table.substring(table.indexOf('.') + 1);
                        if (name.startsWith("flyway_") && name.endsWith("_history")) {
                            migrations.put(database + "." + name, lines(s, "select 'V' || version || ' ' || description "
                                    + "|| ' success=' || success from " + table + " order by installed_rank"));
                        }
                        if (database.equals("workflow") && name.equals("camunda_schema_changelog")) {
                            changeLog.addAll(lines(s, "select id || coalesce(' (' || tag || ')', '') || ' ' || exectype from "
                                    + table + " order by orderexecuted"));
                        }
                    }
                }
            }
            Map<String, String> objects = new TreeMap<>();
            long bytes = 0;
            for (Path file : UpgradeDatabases.objects(data)) {
                objects.put(data.resolve("s3/blobs").relativize(file).toString(), sha256(file));
                bytes += Files.size(file);
            }
            return new Snapshot(tables, migrations, changeLog, objects, bytes);
        }

        /** The database's own tables ("schema.table", quoted), the system catalogues left out. */
        static List<String> tables(Connection c) throws SQLException {
            List<String> names = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    select table_schema, table_name from information_schema.tables
                    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
                    order by 1, 2""")) {
                while (rs.next()) {
                    names.add(quote(rs.getString(1)) + "." + quote(rs.getString(2)));
                }
            }
            return names;
        }

        private static List<String> lines(Statement s, String query) throws SQLException {
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(query)) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            return lines;
        }

        private static String quote(String identifier) {
            return identifier.matches("[a-z_][a-z0-9_]*") ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
        }
    }

    /** What the comparison found: the problems, what it allowed (each with why), the tables unchanged row for row. */
    record Comparison(List<String> problems, List<String> allowed, int unchangedTables) {
    }

    /** Compares every earlier table with what the new release's start left (see the class comment). */
    static Comparison compare(Snapshot before, Snapshot after) {
        List<String> problems = new ArrayList<>();
        List<String> allowed = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<String, Table> t : before.tables().entrySet()) {
            String name = t.getKey();
            Table then = t.getValue();
            Table now = after.tables().get(name);
            if (now == null) {
                Move move = MOVED.get(name);
                if (move == null) {
                    problems.add(name + ": table gone");
                    continue;
                }
                Table to = after.tables().get(move.to());
                List<String> from = move.columns() == null ? then.columns() : List.copyOf(move.columns().keySet());
                List<String> as = move.columns() == null ? from : List.copyOf(move.columns().values());
                if (to == null || !to.columns().containsAll(as)) {
                    problems.add(name + ": dropped, and " + move.to() + " lacks its columns " + as);
                    continue;
                }
                List<String> lost = unmatched(then.rows(), from, to.rows(), as);
                if (!lost.isEmpty()) {
                    problems.add(name + ": dropped, " + lost.size() + " of its " + then.count() + " rows not in " + move.to()
                            + ", e.g. " + lost.get(0));
                } else {
                    allowed.add(name + ": dropped, its " + then.count() + " rows all in " + move.to() + " — " + move.why());
                }
                continue;
            }
            List<String> dropped = then.columns().stream().filter(c -> !now.columns().contains(c)).toList();
            if (!dropped.isEmpty()) {
                problems.add(name + ": columns gone " + dropped);
                continue;
            }
            if (now.count() < then.count()) {
                problems.add(name + ": " + then.count() + " rows before, " + now.count() + " after");
            }
            List<String> added = now.columns().stream().filter(c -> !then.columns().contains(c)).toList();
            Map<String, Integer> filled = new TreeMap<>();
            List<String> lost = new ArrayList<>();
            Map<String, List<JsonNode>> later = byProjection(now.rows(), then.columns());
            for (String row : then.rows()) {
                List<JsonNode> same = later.get(project(row, then.columns(), then.columns()));
                if (same == null || same.isEmpty()) {
                    lost.add(row);
                    continue;
                }
                JsonNode found = same.remove(same.size() - 1);
                added.stream().filter(c -> !found.path(c).isNull()).forEach(c -> filled.merge(c, 1, Integer::sum));
            }
            for (Map.Entry<String, Integer> column : filled.entrySet()) {
                String line = name + "." + column.getKey() + ": new column filled in for " + column.getValue() + " of "
                        + then.count() + " earlier rows";
                String why = FILLED_FOR_EARLIER_ROWS.get(name + "." + column.getKey());
                (why == null ? problems : allowed).add(why == null ? line : line + " — " + why);
            }
            if (lost.isEmpty() && filled.isEmpty()) {
                unchanged++;
            }
            if (!lost.isEmpty()) {
                String line = name + ": " + lost.size() + " of " + then.count() + " earlier rows changed or gone";
                Rewritten rewritten = rewritten(name);
                List<String> unexplained = lost.stream()
                        .filter(row -> rewritten == null || !rewritten.row().test(read(row))).toList();
                if (unexplained.isEmpty()) {
                    allowed.add(line + " — " + rewritten.why());
                } else {
                    problems.add(line + ", e.g. " + unexplained.get(0));
                }
            }
            if (!added.isEmpty() && filled.isEmpty()) {
                allowed.add(name + ": new columns " + added + ", null in every earlier row");
            }
        }
        return new Comparison(problems, allowed, unchanged);
    }

    /**
     * The rows (JSON text) whose values of {@code from} are not among {@code to}'s values of {@code as}, each row
     * counted once per copy.
     */
    private static List<String> unmatched(List<String> rows, List<String> from, List<String> to, List<String> as) {
        Map<String, List<JsonNode>> there = byProjection(to, as);
        List<String> lost = new ArrayList<>();
        for (String row : rows) {
            List<JsonNode> same = there.get(project(row, from, as));
            if (same == null || same.isEmpty()) {
                lost.add(row);
            } else {
                same.remove(same.size() - 1);
            }
        }
        return lost;
    }

    private static Map<String, List<JsonNode>> byProjection(List<String> rows, List<String> columns) {
        Map<String, List<JsonNode>> by = new HashMap<>();
        for (String row : rows) {
            by.computeIfAbsent(project(row, columns, columns), k -> new ArrayList<>()).add(read(row));
        }
        return by;
    }

    /** The row's values of the columns {@code from} only, in their order and named {@code as}, as JSON text. */
    private static String project(String row, List<String> from, List<String> as) {
        JsonNode full = read(row);
        ObjectNode kept = JSON.createObjectNode();
        for (int i = 0; i < from.size(); i++) {
            kept.set(as.get(i), full.path(from.get(i)).isMissingNode() ? JSON.nullNode() : full.get(from.get(i)));
        }
        return kept.toString();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Waits until every service's outbox is empty (no event publication without its completion) and no table's row
     * count moved for 15 s: the consumers (audit records, notifications, projections) have caught up.
     */
    static void settled(int port, String what, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, Long> last = null;
        long quietSince = System.nanoTime();
        while (true) {
            Map<String, Long> counts = new TreeMap<>();
            long pending = 0;
            for (String database : LocalPlatform.DATABASES) {
                try (Connection c = connect(port, database); Statement s = c.createStatement()) {
                    for (String table : Snapshot.tables(c)) {
                        counts.put(database + "." + table, count(s, "select count(*) from " + table));
                        if (table.equals("public.event_publication")) {
                            pending += count(s, "select count(*) from public.event_publication where completion_date is null");
                        }
                    }
                }
            }
            if (!counts.equals(last) || pending > 0) {
                last = counts;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(15).toNanos()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not settle in " + within.toMinutes() + " min (" + pending
                        + " events unpublished)");
            }
            Thread.sleep(2_000);
        }
    }

    /** The one number a query answers. */
    static long count(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, PostgresServer.SUPERUSER, "");
    }

    /** The bucket's object files in the data folder (the embedded object store keeps each under s3/blobs). */
    static List<Path> objects(Path data) throws IOException {
        Path blobs = data.resolve("s3/blobs");
        if (!Files.isDirectory(blobs)) {
            return List.of();
        }
        try (var files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
