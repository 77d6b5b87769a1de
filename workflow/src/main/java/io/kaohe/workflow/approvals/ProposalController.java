package io.kaohe.workflow.approvals;

import io.kaohe.support.problems.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "approval", description = "领导审定 / what the leader approves")
class ProposalController {

    private final Proposals proposals;
    private final JdbcClient db;

    ProposalController(Proposals proposals, JdbcClient db) {
        this.proposals = proposals;
        this.db = db;
    }

    /** A category of the latest proposal, and which of its units still await approval. */
    record CategoryApproval(Proposals.CategoryView proposal, List<String> pendingUnits) {
    }

    @GetMapping("/api/workflow/cycles/{cycleId}/proposal/categories/{category}")
    @Operation(summary = "The latest proposal's scores and grades for a unit category (leader, office)",
            description = "Per unit: total, percent, rank, grade, self-score, reviewed score and their gap; the count "
                    + "per grade; who proposed (that person cannot approve); the units still awaiting approval.")
    CategoryApproval category(@PathVariable String cycleId, @PathVariable String category) {
        String proposalId = proposals.latestProposal(cycleId)
                .orElseThrow(() -> ProblemException.notFound("workflow.proposal.none", cycleId));
        Proposals.CategoryView view = proposals.category(cycleId, proposalId, category)
                .orElseThrow(() -> ProblemException.notFound("workflow.proposal.no-category", category));
        List<String> approved = db.sql("select unit_code from approved_unit where cycle_id = ?").param(cycleId)
                .query(String.class).list();
        return new CategoryApproval(view, view.units().stream().map(Proposals.UnitRow::unitCode)
                .filter(u -> !approved.contains(u)).toList());
    }
}
