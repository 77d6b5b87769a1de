package io.kaohe.scoring.surveys;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A 民主测评 of one item of a cycle: DRAFT (being prepared; codes may be issued) → OPEN (ballots accepted)
 * → CLOSED (results recorded as the item's measured value for each unit) or NO_QUORUM (未达法定人数:
 * closed with fewer codes used than the quorum asks; nothing recorded).
 *
 * @param quorum share of the issued codes that must be used, in [0, 1]
 */
public record Survey(UUID id, String cycleId, String itemCode, String title, Scale scale, Values values,
                     BigDecimal quorum, boolean trim, State state, boolean codesIssued, List<VoterGroup> groups,
                     List<String> unitCodes, String createdBy, Instant createdAt, Instant openedAt, String closedBy,
                     Instant closedAt) {

    public enum Scale {
        /** 满意 / 基本满意 / 不满意, each worth its configured value. */
        SATISFACTION,
        /** A score from 1 to 100. */
        SCORE
    }

    public enum State {
        DRAFT, OPEN, CLOSED, NO_QUORUM
    }

    /** What 满意, 基本满意 and 不满意 count for in the 满意率 (default 1, 0.6, 0). */
    public record Values(BigDecimal satisfied, BigDecimal basic, BigDecimal dissatisfied) {
    }

    /** A group of voters (领导, 单位互评, 服务对象): its weight, the codes it gets and how many of them were used. */
    public record VoterGroup(int position, String name, BigDecimal weight, int codes, int used) {
    }

    public int codesUsed() {
        return groups.stream().mapToInt(VoterGroup::used).sum();
    }

    public int codesPlanned() {
        return groups.stream().mapToInt(VoterGroup::codes).sum();
    }
}
