package io.kaohe.scoring.scores;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A recorded decision, never changed after it is recorded (see the append-only trigger on the
 * table). {@code measured} holds normalised values (BigDecimal, Boolean, String, adjustments).
 *
 * @param quantity   the count of a count-based deduction or bonus, else null
 * @param measure    the rule's measure the quantity counts towards, when the rule has several
 * @param actingAs   "department:&lt;code&gt;", "inspector", or "command:&lt;sender&gt;" for a RecordDecision command
 *                   (decidedBy is then the person the command names)
 * @param supersedes the decision this one corrects or withdraws, or null
 */
public record Decision(UUID id, long seq, String cycleId, String unitCode, String itemCode, DecisionKind kind,
                       BigDecimal amount, BigDecimal quantity, String measure, Map<String, Object> measured,
                       BigDecimal score, String adjustmentItem, String reason, String source, LocalDate decidedOn,
                       List<String> evidenceRefs, String decidedBy, String actingAs, UUID supersedes,
                       Instant recordedAt) {
}
