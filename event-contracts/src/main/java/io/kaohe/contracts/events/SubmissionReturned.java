package io.kaohe.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A reviewer returned items of a submitted self-assessment for more (退回补充), each with the
 * comment saying what is missing. The unit corrects them and signs off a new version, which
 * comes as a {@link SelfAssessmentSubmitted} with a higher {@code version}.
 *
 * @param reviewerRole       {@code dept-reviewer} (an assessing department) or {@code inspector}
 * @param reviewerDepartment the assessing department's code; null for an inspector
 */
public record SubmissionReturned(
        String submissionId,
        int version,
        String cycleId,
        String unitCode,
        String period,
        String reviewedBy,
        String reviewerRole,
        String reviewerDepartment,
        Instant returnedAt,
        List<Item> items) {

    public static final EventType<SubmissionReturned> TYPE =
            new EventType<>("SubmissionReturned", SubmissionReturned.class, Topics.EVIDENCE);

    /** One returned item and the reviewer's comment (never blank). */
    public record Item(String itemCode, String comment) {
    }
}
