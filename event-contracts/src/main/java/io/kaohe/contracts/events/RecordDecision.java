package io.kaohe.contracts.events;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Command from workflow to scoring-service: record a decision (today: an inspection finding's
 * proposed deduction, 扣分) in a person's name. scoring-service records it with the same checks as
 * a decision entered through its API, under {@code decisionId}: however often the command arrives,
 * in however many envelopes, one decision is recorded. A command that can never apply (an item that
 * does not apply to the unit, an amount above the item's points, a unit whose scores are approved)
 * is parked on the topic's dead-letter twin with the reason.
 *
 * @param decisionId   the decision's id, a UUID derived from what it is about ({@link #decisionIdFor}), so the
 *                     sending step gives the same id however often it runs
 * @param cycleId      the assessment cycle
 * @param unitCode     the assessed unit
 * @param itemCode     the unit's item the decision is on
 * @param kind         what is decided: {@link #DEDUCTION}
 * @param amount       the points deducted, more than 0 and at most the item's points, two decimals at most
 * @param reason       why: the problem found, in the words the results table prints
 * @param source       where it was found or notified, e.g. 查阅资料（阶段性考核，inspector.1）; null if not said
 * @param date         the day of the finding or notice; null if not said
 * @param evidenceRefs what the finding rests on (records, photos, evidence ids); empty if nothing
 * @param onBehalfOf   who decided: the person the decision is recorded for (e.g. the inspector who recorded
 *                     the finding in workflow's task)
 * @param requestedBy  the service that sends the command, e.g. {@code workflow}
 * @param supersedes   the decision this one corrects (an appeal upheld in the publicity period, 申诉复核): the
 *                     correcting decision replaces it in the unit's score; null for a new decision
 */
public record RecordDecision(
        String decisionId,
        String cycleId,
        String unitCode,
        String itemCode,
        String kind,
        BigDecimal amount,
        String reason,
        String source,
        LocalDate date,
        List<String> evidenceRefs,
        String onBehalfOf,
        String requestedBy,
        String supersedes) {

    public static final EventType<RecordDecision> TYPE =
            new EventType<>("RecordDecision", RecordDecision.class, Topics.SCORING_COMMANDS);

    /** A deduction (扣分) of {@code amount} points. */
    public static final String DEDUCTION = "DEDUCTION";
    /** The superseded decision is withdrawn, nothing takes its place (no amount). */
    public static final String WITHDRAWAL = "WITHDRAWAL";

    /** A new decision, superseding none. */
    public RecordDecision(String decisionId, String cycleId, String unitCode, String itemCode, String kind,
                          BigDecimal amount, String reason, String source, LocalDate date, List<String> evidenceRefs,
                          String onBehalfOf, String requestedBy) {
        this(decisionId, cycleId, unitCode, itemCode, kind, amount, reason, source, date, evidenceRefs, onBehalfOf,
                requestedBy, null);
    }

    public RecordDecision {
        evidenceRefs = evidenceRefs == null ? List.of() : List.copyOf(evidenceRefs);
    }

    /**
     * The decision id for a natural key that names what is decided once (e.g. {@code 2015:bz-sjw:inspection:F1},
     * a cycle's unit's inspection finding): a name-based UUID, the same for the same key everywhere.
     */
    public static String decisionIdFor(String naturalKey) {
        return UUID.nameUUIDFromBytes(("kaohe:decision:" + naturalKey).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
