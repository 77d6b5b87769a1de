package io.kaohe.evidence.assessments;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.rubric.MeasureSpec;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.evidence.files.AttachedEvidence;
import io.kaohe.contracts.InputLimits;
import io.kaohe.contracts.events.ReportingPeriod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the self-assessment API takes and answers. A request's shape is checked by Bean Validation
 * (400 with each field located); what it says about the items, by the features.
 */
final class AssessmentViews {

    private static final String REQUIRED = "{evidence.field.required}";

    private AssessmentViews() {
    }

    record OpenRequest(@NotBlank(message = REQUIRED) @Pattern(regexp = InputLimits.CODE_OR_BLANK) String cycleId,
                       @NotBlank(message = REQUIRED) @Pattern(regexp = "\\s*|" + ReportingPeriod.PATTERN) String period) {
    }

    /** Lines given replace those lines' values whole; lines not given stay as they are. */
    record DraftRequest(@NotNull(message = REQUIRED) Integer draftVersion,
                        @Size(max = InputLimits.LIST_MAX) List<@Valid @NotNull DraftLine> lines) {
    }

    /**
     * Within the platform's {@link InputLimits}: an item code, a statement of a text's length. The
     * self-score is checked against the item's own points by the drafting feature (located by item).
     */
    record DraftLine(@Pattern(regexp = InputLimits.CODE_PATTERN) String itemCode,
                     BigDecimal selfScore,
                     @Size(max = 100) Map<@Size(max = InputLimits.NAME_MAX) String, JsonNode> measured,
                     @Size(max = InputLimits.TEXT_MAX) String statement) {
    }

    /** Prepare or sign off the draft as last seen (its {@code draftVersion}). */
    record StepRequest(@NotNull(message = REQUIRED) Integer draftVersion) {
    }

    record ReviewRequest(@NotNull(message = REQUIRED) Integer version,
                         @NotEmpty(message = "{evidence.review.nothing}") @Size(max = InputLimits.LIST_MAX)
                         List<@Valid @NotNull Decision> decisions) {
    }

    /** {@code ACCEPTED}, or {@code RETURNED} (退回补充) with a comment saying what is missing. */
    record Decision(@Pattern(regexp = InputLimits.CODE_PATTERN) String itemCode,
                    @Size(max = InputLimits.NAME_MAX) String decision,
                    @Size(max = InputLimits.TEXT_MAX) String comment) {
    }

    record Summary(UUID id, String cycleId, String period, String unitCode, String unitName, SubmissionStatus status,
                   int draftVersion, int submittedVersion, LocalDate due, Instant updatedAt) {
    }

    record Assessment(UUID id, String cycleId, String period, String unitCode, String unitName, String rubricVersionId,
                      SubmissionStatus status, int draftVersion, int submittedVersion, LocalDate opens, LocalDate due,
                      String preparedBy, Instant preparedAt, String updatedBy, Instant updatedAt, List<Line> lines,
                      List<VersionSummary> versions) {
    }

    record Line(String itemCode, String title, List<String> path, String topLevelTitle, BigDecimal points,
                ScoringRule rule, List<MeasureSpec> measures, List<String> assessingDepartments, String deadline,
                String acceptedEvidence, BigDecimal selfScore, Map<String, Object> measured, String statement,
                ItemReviewStatus reviewStatus, Review lastReview, boolean editable, List<AttachedEvidence.Attached> evidence) {
    }

    /** A reviewer's decision on an item of a version: ACCEPTED or RETURNED. */
    record Review(int version, String itemCode, ItemReviewStatus decision, String comment, String reviewedBy,
                  String reviewerRole, String reviewerDepartment, Instant reviewedAt) {
    }

    record VersionSummary(int version, String preparedBy, String signedOffBy, Instant submittedAt, boolean late) {
    }

    /** A signed-off version as it was, and per item what changed since the version before. */
    record Version(UUID assessmentId, int version, String cycleId, String period, String unitCode,
                   String preparedBy, String signedOffBy, Instant submittedAt, boolean late, Integer comparedWith,
                   List<String> changedItems, List<VersionItem> items) {
    }

    record VersionItem(String itemCode, String title, BigDecimal points, List<String> assessingDepartments,
                       BigDecimal selfScore, Map<String, Object> measured, String statement,
                       List<Map<String, Object>> evidence, Review review, List<Change> changes) {
    }

    /** One field that differs from the previous version: selfScore, measured.&lt;name&gt;, statement or evidence. */
    record Change(String field, Object before, Object after) {
    }
}
