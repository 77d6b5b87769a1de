package io.kaohe.scoring.cycles;

import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.CyclePublished;
import io.kaohe.support.problems.ProblemException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The cycles and their units, and which units' final scores are frozen. */
@Component
public class Cycles {

    private static final String NEWEST_FIRST = "year desc, opened_at desc nulls last, cycle_id desc";
    /** A cycle from its columns cycle_id, year, title, rubric_version_id, in that order. */
    private static final RowMapper<Cycle> CYCLE = (rs, n) -> new Cycle(rs.getString(1), rs.getInt(2), rs.getString(3),
            rs.getString(4));


    private final JdbcClient db;

    Cycles(JdbcClient db) {
        this.db = db;
    }

    /** Records an opened cycle; true if it was new. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean record(CycleOpened opened) {
        int inserted = db.sql("""
                insert into cycle (cycle_id, year, title, rubric_version_id, opened_by, opened_at)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing
                """)
                .params(opened.cycleId(), opened.year(), opened.title(), opened.rubricVersionId(), opened.openedBy(),
                        opened.openedAt() == null ? null : Timestamp.from(opened.openedAt()))
                .update();
        if (inserted == 0) {
            return false;
        }
        int position = 0;
        for (CycleOpened.Unit unit : opened.units()) {
            db.sql("""
                    insert into cycle_unit (cycle_id, unit_code, unit_name, category, position)
                    values (?, ?, ?, ?, ?) on conflict do nothing
                    """)
                    .params(opened.cycleId(), unit.unitCode(), unit.unitName(), unit.category(), position++)
                    .update();
        }
        return true;
    }

    /** Records the office's publication (通报) of a cycle's results; true if it was new. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean recordPublication(CyclePublished published) {
        return db.sql("""
                insert into cycle_publication (cycle_id, proposal_id, notice_title, unit_count, published_by,
                                               published_at, issuing_body, document_number, issued_on, body)
                select cycle_id, ?, ?, ?, ?, ?, ?, ?, ?, ? from cycle where cycle_id = ? on conflict do nothing
                """)
                .params(published.proposalId(), published.noticeTitle(), published.unitCount(), published.publishedBy(),
                        Timestamp.from(published.publishedAt() == null ? java.time.Instant.now() : published.publishedAt()),
                        published.issuingBody(), published.documentNumber(),
                        published.issuedOn() == null ? null : java.sql.Date.valueOf(published.issuedOn()),
                        published.body(), published.cycleId())
                .update() == 1;
    }

    /** The cycle's publication, if the office has published its results. */
    public Optional<CyclePublication> publication(String cycleId) {
        return db.sql("""
                select notice_title, published_by, published_at, issuing_body, document_number, issued_on, body
                  from cycle_publication where cycle_id = ?
                """)
                .param(cycleId)
                .query((rs, n) -> new CyclePublication(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5),
                        rs.getDate(6) == null ? null : rs.getDate(6).toLocalDate(), rs.getString(7)))
                .optional();
    }

    public Optional<Cycle> find(String cycleId) {
        return db.sql("select cycle_id, year, title, rubric_version_id from cycle where cycle_id = ?")
                .param(cycleId)
                .query(CYCLE)
                .optional();
    }

    public Cycle get(String cycleId) {
        return find(cycleId).orElseThrow(() -> ProblemException.notFound("scoring.cycle.not-found", cycleId));
    }

    /** Every cycle, newest first (the pages pick the first as the one a person most likely means). */
    public List<Cycle> all() {
        return db.sql("select cycle_id, year, title, rubric_version_id from cycle order by " + NEWEST_FIRST)
                .query(CYCLE)
                .list();
    }

    /** The cycles a unit takes part in, newest first. */
    public List<Cycle> ofUnit(String unitCode) {
        return db.sql("""
                select cycle_id, year, title, rubric_version_id from cycle
                where cycle_id in (select cycle_id from cycle_unit where unit_code = ?)
                """ + "order by " + NEWEST_FIRST)
                .param(unitCode)
                .query(CYCLE)
                .list();
    }

    public List<CycleUnit> units(String cycleId) {
        return db.sql("""
                select unit_code, unit_name, category, position, frozen from cycle_unit
                where cycle_id = ? order by position
                """).param(cycleId).query(Cycles::unit).list();
    }

    public Optional<CycleUnit> unit(String cycleId, String unitCode) {
        return db.sql("""
                select unit_code, unit_name, category, position, frozen from cycle_unit
                where cycle_id = ? and unit_code = ?
                """).params(cycleId, unitCode).query(Cycles::unit).optional();
    }

    /**
     * The unit, its row locked until the transaction ends: every change to a unit's scores takes
     * this lock first, so concurrent decisions, submissions and recomputes of one unit serialise.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<CycleUnit> lockUnit(String cycleId, String unitCode) {
        return db.sql("""
                select unit_code, unit_name, category, position, frozen from cycle_unit
                where cycle_id = ? and unit_code = ? for update
                """).params(cycleId, unitCode).query(Cycles::unit).optional();
    }

    /** Locks the cycle's units (all, or those named), in a fixed order so two lockers never deadlock. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<CycleUnit> lockUnits(String cycleId, List<String> unitCodes) {
        if (unitCodes == null || unitCodes.isEmpty()) {
            return db.sql("""
                    select unit_code, unit_name, category, position, frozen from cycle_unit
                    where cycle_id = ? order by unit_code for update
                    """).param(cycleId).query(Cycles::unit).list()
                    .stream().sorted(java.util.Comparator.comparingInt(CycleUnit::position)).toList();
        }
        return db.sql("""
                select unit_code, unit_name, category, position, frozen from cycle_unit
                where cycle_id = ? and unit_code = any(?) order by unit_code for update
                """).params(cycleId, unitCodes.toArray(String[]::new)).query(Cycles::unit).list()
                .stream().sorted(java.util.Comparator.comparingInt(CycleUnit::position)).toList();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void setFrozen(String cycleId, List<String> unitCodes, boolean frozen) {
        db.sql("update cycle_unit set frozen = ? where cycle_id = ? and unit_code = any(?)")
                .params(frozen, cycleId, unitCodes.toArray(String[]::new)).update();
    }

    private static CycleUnit unit(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new CycleUnit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5));
    }
}
