package io.kaohe.scoring.surveys;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The surveys, their groups, units, unused codes and anonymous ratings. */
@Component
class Surveys {

    private final JdbcClient db;

    Surveys(JdbcClient db) {
        this.db = db;
    }

    void insert(Survey s) {
        db.sql("""
                insert into survey (id, cycle_id, item_code, title, scale, satisfied_value, basic_value,
                                    dissatisfied_value, quorum, trim_extremes, state, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(s.id(), s.cycleId(), s.itemCode(), s.title(), s.scale().name(), s.values().satisfied(),
                        s.values().basic(), s.values().dissatisfied(), s.quorum(), s.trim(), s.state().name(),
                        s.createdBy())
                .update();
        for (Survey.VoterGroup g : s.groups()) {
            db.sql("insert into survey_group (survey_id, position, name, weight, codes) values (?, ?, ?, ?, ?)")
                    .params(s.id(), g.position(), g.name(), g.weight(), g.codes()).update();
        }
        int position = 0;
        for (String unit : s.unitCodes()) {
            db.sql("insert into survey_unit (survey_id, unit_code, position) values (?, ?, ?)")
                    .params(s.id(), unit, position++).update();
        }
    }

    Optional<Survey> find(UUID id) {
        return db.sql(SELECT + " where id = ?").param(id).query(this::survey).optional();
    }

    /** The survey, its row locked until the transaction ends (state changes and ballots serialise on it). */
    Optional<Survey> lock(UUID id) {
        return db.sql(SELECT + " where id = ? for update").param(id).query(this::survey).optional();
    }

    /** The survey without locking it: ballots take a shared lock so that a close waits for them. */
    Optional<Survey> share(UUID id) {
        return db.sql(SELECT + " where id = ? for share").param(id).query(this::survey).optional();
    }

    List<Survey> ofCycle(String cycleId) {
        return db.sql(SELECT + " where cycle_id = ? order by created_at, id").param(cycleId).query(this::survey).list();
    }

    void open(UUID id) {
        db.sql("update survey set state = 'OPEN', opened_at = now() where id = ?").param(id).update();
    }

    void close(UUID id, Survey.State state, String by) {
        db.sql("update survey set state = ?, closed_by = ?, closed_at = now() where id = ?")
                .params(state.name(), by, id).update();
    }

    void markCodesIssued(UUID id) {
        db.sql("update survey set codes_issued = true where id = ?").param(id).update();
    }

    void insertCode(UUID surveyId, int group, String hash) {
        db.sql("insert into survey_code (hash, survey_id, group_position) values (?, ?, ?)")
                .params(hash, surveyId, group).update();
    }

    /** Which survey and group an unused code belongs to. */
    Optional<Map.Entry<UUID, Integer>> code(String hash) {
        return db.sql("select survey_id, group_position from survey_code where hash = ?").param(hash)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getInt(2))).optional();
    }

    /**
     * Uses the code: deletes it, so that its use leaves no row to link to the ratings. Of two ballots with
     * the same code, the second waits for the first and finds nothing: false.
     */
    boolean use(String hash, UUID surveyId, int group) {
        int deleted = db.sql("delete from survey_code where hash = ? and survey_id = ? and group_position = ?")
                .params(hash, surveyId, group).update();
        if (deleted == 0) {
            return false;
        }
        db.sql("update survey_group set used = used + 1 where survey_id = ? and position = ?")
                .params(surveyId, group).update();
        return true;
    }

    void rate(UUID surveyId, int group, String unitCode, BigDecimal value) {
        db.sql("insert into survey_rating (survey_id, group_position, unit_code, value) values (?, ?, ?, ?)")
                .params(surveyId, group, unitCode, value).update();
    }

    /** Every rating of the survey: unit → group position → values. */
    Map<String, Map<Integer, List<BigDecimal>>> ratings(UUID surveyId) {
        Map<String, Map<Integer, List<BigDecimal>>> ratings = new LinkedHashMap<>();
        db.sql("select unit_code, group_position, value from survey_rating where survey_id = ?").param(surveyId)
                .query(rs -> {
                    ratings.computeIfAbsent(rs.getString(1), u -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getInt(2), g -> new ArrayList<>()).add(rs.getBigDecimal(3));
                });
        return ratings;
    }

    void insertResult(UUID surveyId, SurveyTally.UnitResult result, BigDecimal points, UUID decisionId,
                      String groupsJson) {
        db.sql("""
                insert into survey_result (survey_id, unit_code, ballots, score, points, groups, decision_id)
                values (?, ?, ?, ?, ?, ?::jsonb, ?)
                """)
                .params(surveyId, result.unitCode(), result.ballots(), result.score(), points, groupsJson, decisionId)
                .update();
    }

    /** The results table's rows as stored at close, in the survey's unit order. */
    List<Map<String, Object>> results(UUID surveyId) {
        return db.sql("""
                select r.unit_code, r.ballots, r.score, r.points, r.groups::text, r.decision_id
                  from survey_result r join survey_unit u on u.survey_id = r.survey_id and u.unit_code = r.unit_code
                 where r.survey_id = ? order by u.position
                """).param(surveyId).query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("unitCode", rs.getString(1));
                    row.put("ballots", rs.getInt(2));
                    row.put("score", rs.getBigDecimal(3));
                    row.put("points", rs.getBigDecimal(4));
                    row.put("groups", rs.getString(5));
                    row.put("decisionId", rs.getObject(6, UUID.class));
                    return row;
                }).list();
    }

    private static final String SELECT = """
            select id, cycle_id, item_code, title, scale, satisfied_value, basic_value, dissatisfied_value, quorum,
                   trim_extremes, state, codes_issued, created_by, created_at, opened_at, closed_by, closed_at
              from survey""";

    private Survey survey(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        List<Survey.VoterGroup> groups = db.sql("""
                select position, name, weight, codes, used from survey_group where survey_id = ? order by position
                """).param(id).query((g, i) -> new Survey.VoterGroup(g.getInt(1), g.getString(2), g.getBigDecimal(3),
                g.getInt(4), g.getInt(5))).list();
        List<String> units = db.sql("select unit_code from survey_unit where survey_id = ? order by position")
                .param(id).query(String.class).list();
        return new Survey(id, rs.getString(2), rs.getString(3), rs.getString(4),
                Survey.Scale.valueOf(rs.getString(5)),
                new Survey.Values(rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8)), rs.getBigDecimal(9),
                rs.getBoolean(10), Survey.State.valueOf(rs.getString(11)), rs.getBoolean(12), groups, units,
                rs.getString(13), instant(rs, 14), instant(rs, 15), rs.getString(16), instant(rs, 17));
    }

    private static java.time.Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
