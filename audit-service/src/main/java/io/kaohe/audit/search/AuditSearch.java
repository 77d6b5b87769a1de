package io.kaohe.audit.search;

import io.kaohe.audit.chain.StoredRecord;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/** Finds records by the auditor's filter, newest first; reads nothing but the audit database. */
@Component
class AuditSearch {

    private final JdbcTemplate jdbc;

    AuditSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Page(long total, int page, int size, List<RecordView> records) {
    }

    Page find(Filter filter, int page, int size) {
        Query q = where(filter);
        Long total = jdbc.queryForObject("select count(*) from audit_record" + q.sql(), Long.class, q.args().toArray());
        List<Object> args = new ArrayList<>(q.args());
        args.add(size);
        args.add((long) page * size);
        List<RecordView> records = jdbc.query("select " + StoredRecord.COLUMNS + " from audit_record" + q.sql()
                + " order by seq desc limit ? offset ?", (rs, n) -> RecordView.of(StoredRecord.from(rs), null),
                args.toArray());
        return new Page(total == null ? 0 : total, page, size, records);
    }

    /** Streams up to {@code limit} matching records to {@code each}, newest first; returns how many matched in all. */
    long each(Filter filter, int limit, Consumer<StoredRecord> each) {
        Query q = where(filter);
        Long total = jdbc.queryForObject("select count(*) from audit_record" + q.sql(), Long.class, q.args().toArray());
        List<Object> args = new ArrayList<>(q.args());
        args.add(limit);
        jdbc.query("select " + StoredRecord.COLUMNS + " from audit_record" + q.sql() + " order by seq desc limit ?",
                (RowCallbackHandler) rs -> each.accept(StoredRecord.from(rs)), args.toArray());
        return total == null ? 0 : total;
    }

    Optional<RecordView> get(long seq) {
        List<StoredRecord> found = jdbc.query("select " + StoredRecord.COLUMNS + " from audit_record where seq = ?",
                (rs, n) -> StoredRecord.from(rs), seq);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredRecord record = found.get(0);
        List<String> previous = jdbc.queryForList("select digest from audit_record where seq = ?", String.class, seq - 1);
        boolean linked = previous.isEmpty() || previous.get(0).equals(record.prevDigest());
        return Optional.of(RecordView.of(record, linked && record.expectedDigest().equals(record.digest())));
    }

    private record Query(String sql, List<Object> args) {
    }

    private static Query where(Filter f) {
        List<String> clauses = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (f.from() != null) {
            clauses.add("occurred_at >= ?");
            args.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            clauses.add("occurred_at < ?");
            args.add(Timestamp.from(f.to()));
        }
        if (present(f.user())) {
            clauses.add("username ilike ? escape '\\'");
            args.add(like(f.user()));
        }
        if (present(f.role())) {
            clauses.add("(',' || roles || ',') like ? escape '\\'");
            args.add("%," + escape(f.role().trim()) + ",%");
        }
        if (present(f.unit())) {
            clauses.add("(unit = ? or department = ? or unit_code = ? or (',' || inspection_units || ',') like ? escape '\\')");
            String unit = f.unit().trim();
            args.add(unit);
            args.add(unit);
            args.add(unit);
            args.add("%," + escape(unit) + ",%");
        }
        if (present(f.action())) {
            clauses.add("(verb ilike ? escape '\\' or route ilike ? escape '\\' or method = ?)");
            args.add(like(f.action()));
            args.add(like(f.action()));
            args.add(f.action().trim().toUpperCase(Locale.ROOT));
        }
        if (present(f.object())) {
            clauses.add("(object_type ilike ? escape '\\' or object_id ilike ? escape '\\')");
            args.add(like(f.object()));
            args.add(like(f.object()));
        }
        if (present(f.outcome())) {
            clauses.add("outcome = ?");
            args.add(f.outcome().trim().toUpperCase(Locale.ROOT));
        }
        if (present(f.category())) {
            clauses.add("category = ?");
            args.add(f.category().trim().toUpperCase(Locale.ROOT));
        }
        if (present(f.source())) {
            clauses.add("source = ?");
            args.add(f.source().trim());
        }
        if (present(f.text())) {
            clauses.add("(path ilike ? escape '\\' or reason ilike ? escape '\\' or verb ilike ? escape '\\' "
                    + "or object_id ilike ? escape '\\' or username ilike ? escape '\\' or client_address ilike ? escape '\\' "
                    + "or trace_id ilike ? escape '\\')");
            for (int i = 0; i < 7; i++) {
                args.add(like(f.text()));
            }
        }
        return new Query(clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses), args);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String like(String value) {
        return "%" + escape(value.trim()) + "%";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
