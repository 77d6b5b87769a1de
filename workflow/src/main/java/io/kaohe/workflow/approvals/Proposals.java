package io.kaohe.workflow.approvals;

import io.kaohe.contracts.events.GradesProposed;
import io.kaohe.contracts.events.ScoresComputed;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the leader decides on: the latest proposal's grades of a unit category, next to each
 * unit's self-score and reviewed score (the gap is what the office wants to see), and how the
 * grades are distributed. Kept from scoring-service's events; workflow reads no other database.
 */
@Component
public class Proposals {

    private final JdbcClient db;

    Proposals(JdbcClient db) {
        this.db = db;
    }

    public void recordScores(ScoresComputed scores) {
        db.sql("""
                insert into unit_score (cycle_id, unit_code, category, maximum, self_total, reviewed_total, final_total,
                                        trigger, computed_at)
                values (:cycle, :unit, :category, :maximum, :self, :reviewed, :final, :trigger, :at)
                on conflict (cycle_id, unit_code) do update set category = excluded.category,
                    maximum = excluded.maximum, self_total = excluded.self_total,
                    reviewed_total = excluded.reviewed_total, final_total = excluded.final_total,
                    trigger = excluded.trigger, computed_at = excluded.computed_at
                where unit_score.computed_at <= excluded.computed_at
                """).param("cycle", scores.cycleId()).param("unit", scores.unitCode())
                .param("category", scores.category()).param("maximum", scores.maximum())
                .param("self", scores.selfTotal()).param("reviewed", scores.reviewedTotal())
                .param("final", scores.finalTotal()).param("trigger", scores.trigger().name())
                .param("at", Timestamp.from(scores.computedAt())).update();
    }

    public void recordProposal(GradesProposed proposal) {
        for (GradesProposed.UnitGrade g : proposal.grades()) {
            db.sql("""
                    insert into proposed_grade (proposal_id, cycle_id, unit_code, unit_name, category, total, maximum,
                                                percent, rank, band_grade, grade, note, proposed_by, proposed_at)
                    values (:proposal, :cycle, :unit, :name, :category, :total, :maximum, :percent, :rank, :band,
                            :grade, :note, :by, :at)
                    on conflict do nothing
                    """).param("proposal", proposal.proposalId()).param("cycle", proposal.cycleId())
                    .param("unit", g.unitCode()).param("name", g.unitName()).param("category", g.category())
                    .param("total", g.total()).param("maximum", g.maximum()).param("percent", g.percent())
                    .param("rank", g.rank()).param("band", g.bandGrade()).param("grade", g.grade())
                    .param("note", g.note()).param("by", proposal.proposedBy())
                    .param("at", Timestamp.from(proposal.proposedAt())).update();
        }
    }

    /** One unit of the category as the leader sees it. */
    public record UnitRow(String unitCode, String unitName, BigDecimal total, BigDecimal maximum, BigDecimal percent,
                          Integer rank, String bandGrade, String grade, String note, BigDecimal selfTotal,
                          BigDecimal reviewedTotal, BigDecimal gap) {
    }

    /** A category of the latest proposal: its units, the count per grade, and who proposed it (four eyes). */
    public record CategoryView(String cycleId, String proposalId, String category, String proposedBy,
                               List<UnitRow> units, Map<String, Integer> distribution) {
    }

    public Optional<String> latestProposal(String cycleId) {
        return db.sql("select proposal_id from proposed_grade where cycle_id = ? order by proposed_at desc limit 1")
                .param(cycleId).query(String.class).optional();
    }

    public Optional<CategoryView> category(String cycleId, String proposalId, String category) {
        List<UnitRow> rows = db.sql("""
                select g.unit_code, g.unit_name, g.total, g.maximum, g.percent, g.rank, g.band_grade, g.grade, g.note,
                       s.self_total, s.reviewed_total
                from proposed_grade g left join unit_score s on s.cycle_id = g.cycle_id and s.unit_code = g.unit_code
                where g.proposal_id = ? and g.category = ?
                order by g.rank, g.unit_code
                """).params(proposalId, category).query((rs, n) -> {
                    BigDecimal self = rs.getBigDecimal("self_total");
                    BigDecimal reviewed = rs.getBigDecimal("reviewed_total");
                    return new UnitRow(rs.getString("unit_code"), rs.getString("unit_name"), rs.getBigDecimal("total"),
                            rs.getBigDecimal("maximum"), rs.getBigDecimal("percent"), (Integer) rs.getObject("rank"),
                            rs.getString("band_grade"), rs.getString("grade"), rs.getString("note"), self, reviewed,
                            self == null || reviewed == null ? null : self.subtract(reviewed));
                }).list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> distribution = new LinkedHashMap<>();
        rows.forEach(r -> distribution.merge(r.grade(), 1, Integer::sum));
        String proposedBy = db.sql("select proposed_by from proposed_grade where proposal_id = ? limit 1")
                .param(proposalId).query(String.class).single();
        return Optional.of(new CategoryView(cycleId, proposalId, category, proposedBy, rows, distribution));
    }

    /** The units of a category in a proposal. */
    public List<String> unitsOf(String proposalId, String category) {
        return db.sql("select unit_code from proposed_grade where proposal_id = ? and category = ? order by unit_code")
                .params(proposalId, category).query(String.class).list();
    }
}
