package io.kaohe.evidence.assessments;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where one item of a self-assessment stands in review ({@code assessment_line.review_status}):
 * not yet submitted; signed off and awaiting a reviewer's decision; accepted (and carried over to
 * later versions, not reviewed again); or returned for more (退回补充), to be corrected and signed
 * off again. A reviewer's decision ({@code item_review.decision}) is ACCEPTED or RETURNED.
 */
enum ItemReviewStatus {

    NOT_SUBMITTED, PENDING, ACCEPTED, RETURNED;

    private static final Map<ItemReviewStatus, Set<ItemReviewStatus>> NEXT = new EnumMap<>(ItemReviewStatus.class);

    static {
        NEXT.put(NOT_SUBMITTED, EnumSet.of(PENDING));
        NEXT.put(PENDING, EnumSet.of(ACCEPTED, RETURNED));
        NEXT.put(ACCEPTED, EnumSet.noneOf(ItemReviewStatus.class));
        NEXT.put(RETURNED, EnumSet.of(PENDING));
    }

    boolean canMoveTo(ItemReviewStatus target) {
        return NEXT.get(this).contains(target);
    }

    /** Whether a reviewer may decide the item now. */
    boolean awaitsDecision() {
        return canMoveTo(ACCEPTED) && canMoveTo(RETURNED);
    }

    /** Whether the unit may change what it says for the item: before its first sign-off, or after a return. */
    boolean openToUnit() {
        return canMoveTo(PENDING);
    }

    /** The states a move to {@code target} starts from, as stored. */
    static String[] into(ItemReviewStatus target) {
        return Arrays.stream(values()).filter(s -> s.canMoveTo(target)).map(Enum::name).toArray(String[]::new);
    }

    /** A reviewer's decision as given: ACCEPTED or RETURNED; anything else is none. */
    static Optional<ItemReviewStatus> decision(String given) {
        return ACCEPTED.name().equals(given) ? Optional.of(ACCEPTED)
                : RETURNED.name().equals(given) ? Optional.of(RETURNED) : Optional.empty();
    }
}
