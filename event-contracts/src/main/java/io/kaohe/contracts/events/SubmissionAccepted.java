package io.kaohe.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A reviewer accepted items of a submitted self-assessment version as claimed and evidenced.
 *
 * @param reviewerRole       {@code dept-reviewer} (an assessing department) or {@code inspector}
 * @param reviewerDepartment the assessing department's code; null for an inspector
 */
public record SubmissionAccepted(
        String submissionId,
        int version,
        String cycleId,
        String unitCode,
        String period,
        String reviewedBy,
        String reviewerRole,
        String reviewerDepartment,
        Instant acceptedAt,
        List<Item> items) {

    public static final EventType<SubmissionAccepted> TYPE =
            new EventType<>("SubmissionAccepted", SubmissionAccepted.class, Topics.EVIDENCE);

    /** One accepted item and the reviewer's comment, if any. */
    public record Item(String itemCode, String comment) {
    }
}
