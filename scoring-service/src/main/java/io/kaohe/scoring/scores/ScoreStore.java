package io.kaohe.scoring.scores;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.support.events.EventJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Item scores in the database, written set-based: a unit's rows in one multi-row upsert
 * (arrays unnested), a whole cycle by PostgreSQL {@code COPY}; never row by row.
 */
@Component
public class ScoreStore {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final String COPY_SQL = "copy item_score (cycle_id, unit_code, item_code, top_level_code, points, "
            + "self_score, reviewed_score, final_score, explanation, deductions) from stdin with (format binary)";

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    public ScoreStore(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Inserts or replaces a unit's item rows; the final (approved) layer is left as it is. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void upsert(String cycleId, String unitCode, List<ItemResult> results) {
        if (results.isEmpty()) {
            return;
        }
        int n = results.size();
        String[] items = new String[n];
        String[] tops = new String[n];
        BigDecimal[] points = new BigDecimal[n];
        BigDecimal[] self = new BigDecimal[n];
        BigDecimal[] reviewed = new BigDecimal[n];
        String[] explanations = new String[n];
        String[] deductions = new String[n];
        for (int i = 0; i < n; i++) {
            ItemResult r = results.get(i);
            items[i] = r.itemCode();
            tops[i] = r.topLevelCode();
            points[i] = r.points();
            self[i] = r.selfScore();
            reviewed[i] = r.reviewedScore();
            explanations[i] = r.explanation();
            deductions[i] = json(r.deductions());
        }
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into item_score (cycle_id, unit_code, item_code, top_level_code, points, self_score,
                                            reviewed_score, explanation, deductions)
                    select ?, ?, t.item, t.top, t.points, t.self, t.reviewed, t.explanation, t.deductions::jsonb
                      from unnest(?::text[], ?::text[], ?::numeric[], ?::numeric[], ?::numeric[], ?::text[], ?::text[])
                           as t(item, top, points, self, reviewed, explanation, deductions)
                    on conflict (cycle_id, unit_code, item_code) do update
                       set top_level_code = excluded.top_level_code, points = excluded.points,
                           self_score = excluded.self_score, reviewed_score = excluded.reviewed_score,
                           explanation = excluded.explanation, deductions = excluded.deductions
                    """);
            ps.setString(1, cycleId);
            ps.setString(2, unitCode);
            ps.setArray(3, con.createArrayOf("text", items));
            ps.setArray(4, con.createArrayOf("text", tops));
            ps.setArray(5, con.createArrayOf("numeric", points));
            ps.setArray(6, con.createArrayOf("numeric", self));
            ps.setArray(7, con.createArrayOf("numeric", reviewed));
            ps.setArray(8, con.createArrayOf("text", explanations));
            ps.setArray(9, con.createArrayOf("text", deductions));
            return ps;
        });
    }

    /** Deletes the item rows of the given units (all of the cycle's when empty); a full recompute then {@link #copy}s. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void delete(String cycleId, List<String> unitCodes) {
        if (unitCodes.isEmpty()) {
            jdbc.update("delete from item_score where cycle_id = ?", cycleId);
        } else {
            jdbc.update(con -> {
                var ps = con.prepareStatement("delete from item_score where cycle_id = ? and unit_code = any(?)");
                ps.setString(1, cycleId);
                ps.setArray(2, con.createArrayOf("text", unitCodes.toArray()));
                return ps;
            });
        }
    }

    /** COPY the rows in; public for the benchmark, which compares it with a binary COPY. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void copy(String cycleId, Map<String, List<ItemResult>> byUnit) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
            try {
                // Binary rows: the server stores them without parsing text; sent in chunks of about 1 MiB.
                BinaryCopy rows = new BinaryCopy(2 << 20).header();
                for (Map.Entry<String, List<ItemResult>> unit : byUnit.entrySet()) {
                    for (ItemResult r : unit.getValue()) {
                        rows.row(10).text(cycleId).text(unit.getKey()).text(r.itemCode()).text(r.topLevelCode())
                                .numeric(r.points()).numeric(r.selfScore()).numeric(r.reviewedScore())
                                .numeric(r.finalScore()).text(r.explanation()).jsonb(json(r.deductions()));
                    }
                    if (rows.size() > (1 << 20)) {
                        write(copy, rows.drain());
                    }
                }
                write(copy, rows.trailer().drain());
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("copying item scores failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    public boolean hasRows(String cycleId, String unitCode) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from item_score where cycle_id = ? and unit_code = ?)", Boolean.class,
                cycleId, unitCode));
    }

    /** The final layer as approved so far, per unit and item, to carry over a full recompute. */
    public Map<String, Map<String, BigDecimal>> finals(String cycleId) {
        Map<String, Map<String, BigDecimal>> finals = new HashMap<>();
        jdbc.query("select unit_code, item_code, final_score from item_score where cycle_id = ? and final_score is not null",
                rs -> {
                    finals.computeIfAbsent(rs.getString(1), u -> new HashMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
                }, cycleId);
        return finals;
    }

    /** Sets the final layer to the reviewed one: what approval freezes. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void freezeFinal(String cycleId, List<String> unitCodes) {
        jdbc.update(con -> {
            var ps = con.prepareStatement(
                    "update item_score set final_score = reviewed_score where cycle_id = ? and unit_code = any(?)");
            ps.setString(1, cycleId);
            ps.setArray(2, con.createArrayOf("text", unitCodes.toArray()));
            return ps;
        });
    }

    /** A unit's stored item rows, by item code. */
    public Map<String, ItemResult> rows(String cycleId, String unitCode) {
        Map<String, ItemResult> rows = new LinkedHashMap<>();
        jdbc.query("""
                select item_code, top_level_code, points, self_score, reviewed_score, final_score, explanation,
                       deductions::text from item_score where cycle_id = ? and unit_code = ?
                """, rs -> {
            rows.put(rs.getString(1), new ItemResult(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                    rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7),
                    deductions(rs.getString(8))));
        }, cycleId, unitCode);
        return rows;
    }

    /**
     * Every item row of the cycle, per unit and item (the explanation left out): what the results
     * table prints line by line. One query; the deductions' JSON is parsed only where there are some.
     */
    public Map<String, Map<String, ItemResult>> cycleRows(String cycleId) {
        Map<String, Map<String, ItemResult>> rows = new HashMap<>();
        jdbc.query("""
                select unit_code, item_code, top_level_code, points, self_score, reviewed_score, final_score,
                       case when deductions = '[]'::jsonb then null else deductions::text end
                  from item_score where cycle_id = ?
                """, rs -> {
            rows.computeIfAbsent(rs.getString(1), u -> new HashMap<>()).put(rs.getString(2), new ItemResult(
                    rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6),
                    rs.getBigDecimal(7), null, deductions(rs.getString(8))));
        }, cycleId);
        return rows;
    }

    /**
     * Totals per unit and top-level indicator, as sums over the stored rows; top levels in the
     * order and with the titles of the unit's items. Units without rows are left out.
     */
    public Map<String, UnitTotals> totals(String cycleId, Collection<String> unitCodes,
                                          Function<String, UnitItems> itemsOfUnit) {
        Map<String, Map<String, Sum>> sums = new HashMap<>();
        String[] units = unitCodes.toArray(String[]::new);
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    select unit_code, top_level_code, sum(points), sum(self_score), sum(reviewed_score),
                           sum(final_score), count(*), count(reviewed_score), count(final_score)
                      from item_score where cycle_id = ? and unit_code = any(?)
                     group by unit_code, top_level_code
                    """);
            ps.setString(1, cycleId);
            ps.setArray(2, con.createArrayOf("text", units));
            return ps;
        }, rs -> {
            sums.computeIfAbsent(rs.getString(1), u -> new HashMap<>()).put(rs.getString(2),
                    new Sum(rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                            rs.getBigDecimal(6), rs.getInt(7), rs.getInt(8), rs.getInt(9)));
        });
        return assemble(unitCodes, sums, itemsOfUnit);
    }

    /**
     * The same totals as {@link #totals(String, Collection, Function)}, from the rows just written
     * rather than read back: each value as the table stores it (numeric(9, 2), rounded half away
     * from zero as PostgreSQL rounds), summed as {@code sum()} does (null when every value is).
     */
    public static Map<String, UnitTotals> totalsOf(Map<String, List<ItemResult>> rows,
                                                   Function<String, UnitItems> itemsOfUnit) {
        Map<String, Map<String, Sum>> sums = new HashMap<>();
        for (Map.Entry<String, List<ItemResult>> unit : rows.entrySet()) {
            if (unit.getValue().isEmpty()) {
                continue;
            }
            Map<String, Sum> byTop = new HashMap<>();
            for (ItemResult r : unit.getValue()) {
                Sum s = byTop.get(r.topLevelCode());
                Sum row = new Sum(r.topLevelCode(), stored(r.points()), stored(r.selfScore()),
                        stored(r.reviewedScore()), stored(r.finalScore()), 1, r.reviewedScore() == null ? 0 : 1,
                        r.finalScore() == null ? 0 : 1);
                byTop.put(r.topLevelCode(), s == null ? row : s.plus(row));
            }
            sums.put(unit.getKey(), byTop);
        }
        return assemble(rows.keySet(), sums, itemsOfUnit);
    }

    private static BigDecimal stored(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    /** One (unit, top level)'s sums, as the group by gives them. */
    private record Sum(String top, BigDecimal max, BigDecimal self, BigDecimal reviewed, BigDecimal fin, int items,
                       int reviewedItems, int finalItems) {

        Sum plus(Sum o) {
            return new Sum(top, add(max, o.max), add(self, o.self), add(reviewed, o.reviewed), add(fin, o.fin),
                    items + o.items, reviewedItems + o.reviewedItems, finalItems + o.finalItems);
        }

        private static BigDecimal add(BigDecimal a, BigDecimal b) {
            return a == null ? b : b == null ? a : a.add(b);
        }
    }

    private static Map<String, UnitTotals> assemble(Collection<String> unitCodes, Map<String, Map<String, Sum>> sums,
                                                    Function<String, UnitItems> itemsOfUnit) {
        Map<String, UnitTotals> totals = new LinkedHashMap<>();
        for (String unit : unitCodes) {
            Map<String, Sum> byTop = sums.get(unit);
            if (byTop == null) {
                continue;
            }
            Map<String, String> titles = new LinkedHashMap<>();
            for (UnitItem item : itemsOfUnit.apply(unit).items()) {
                titles.putIfAbsent(item.topLevelCode(), item.topLevelTitle());
            }
            byTop.keySet().forEach(top -> titles.putIfAbsent(top, top));
            BigDecimal max = BigDecimal.ZERO.setScale(2);
            BigDecimal self = null;
            BigDecimal reviewed = BigDecimal.ZERO.setScale(2);
            BigDecimal fin = null;
            int items = 0;
            int reviewedItems = 0;
            List<UnitTotals.TopLevelTotals> tops = new ArrayList<>();
            for (Map.Entry<String, String> top : titles.entrySet()) {
                Sum s = byTop.get(top.getKey());
                if (s == null) {
                    continue;
                }
                BigDecimal topReviewed = s.reviewed() == null ? BigDecimal.ZERO.setScale(2) : s.reviewed();
                tops.add(new UnitTotals.TopLevelTotals(top.getKey(), top.getValue(), s.max(), s.self(), topReviewed,
                        s.fin()));
                max = max.add(s.max());
                self = s.self() == null ? self : (self == null ? s.self() : self.add(s.self()));
                reviewed = reviewed.add(topReviewed);
                fin = s.fin() == null ? fin : (fin == null ? s.fin() : fin.add(s.fin()));
                items += s.items();
                reviewedItems += s.reviewedItems();
            }
            totals.put(unit, new UnitTotals(unit, max, self, reviewed, fin, items, reviewedItems, List.copyOf(tops)));
        }
        return totals;
    }

    private static void write(CopyIn copy, byte[] bytes) throws SQLException {
        copy.writeToCopy(bytes, 0, bytes.length);
    }

    static String json(List<DeductionLine> lines) {
        if (lines == null || lines.isEmpty()) {
            return "[]";
        }
        try {
            return JSON.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<DeductionLine> deductions(String json) {
        if (json == null || json.equals("[]")) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(json, DeductionLine[].class));
        } catch (IOException e) {
            throw new IllegalStateException("stored deductions are unreadable", e);
        }
    }
}
