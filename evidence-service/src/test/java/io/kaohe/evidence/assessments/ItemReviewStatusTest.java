package io.kaohe.evidence.assessments;

import static io.kaohe.evidence.assessments.ItemReviewStatus.ACCEPTED;
import static io.kaohe.evidence.assessments.ItemReviewStatus.NOT_SUBMITTED;
import static io.kaohe.evidence.assessments.ItemReviewStatus.PENDING;
import static io.kaohe.evidence.assessments.ItemReviewStatus.RETURNED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemReviewStatusTest {

    /** Signed off → pending; a reviewer accepts or returns; a returned item is signed off again; accepted stays. */
    private static final Map<ItemReviewStatus, Set<ItemReviewStatus>> ALLOWED = Map.of(
            NOT_SUBMITTED, EnumSet.of(PENDING),
            PENDING, EnumSet.of(ACCEPTED, RETURNED),
            ACCEPTED, EnumSet.noneOf(ItemReviewStatus.class),
            RETURNED, EnumSet.of(PENDING));

    @Test
    void movesAlongTheTableAndNowhereElse() {
        for (ItemReviewStatus from : ItemReviewStatus.values()) {
            for (ItemReviewStatus to : ItemReviewStatus.values()) {
                assertThat(from.canMoveTo(to)).as(from + " → " + to).isEqualTo(ALLOWED.get(from).contains(to));
            }
        }
    }

    @Test
    void aReviewerDecidesOnlyAPendingItem() {
        assertThat(PENDING.awaitsDecision()).isTrue();
        assertThat(EnumSet.of(NOT_SUBMITTED, ACCEPTED, RETURNED)).noneMatch(ItemReviewStatus::awaitsDecision);
    }

    @Test
    void theUnitChangesAnItemBeforeItsFirstSignOffOrAfterAReturn() {
        assertThat(EnumSet.of(NOT_SUBMITTED, RETURNED)).allMatch(ItemReviewStatus::openToUnit);
        assertThat(EnumSet.of(PENDING, ACCEPTED)).noneMatch(ItemReviewStatus::openToUnit);
    }

    @Test
    void aSignOffMovesTheNotSubmittedAndReturnedItemsToPending() {
        assertThat(ItemReviewStatus.into(PENDING)).containsExactlyInAnyOrder("NOT_SUBMITTED", "RETURNED");
        assertThat(ItemReviewStatus.into(ACCEPTED)).containsExactly("PENDING");
        assertThat(ItemReviewStatus.into(NOT_SUBMITTED)).isEmpty();
    }

    @Test
    void aDecisionIsAcceptedOrReturnedAndNothingElse() {
        assertThat(ItemReviewStatus.decision("ACCEPTED")).contains(ACCEPTED);
        assertThat(ItemReviewStatus.decision("RETURNED")).contains(RETURNED);
        assertThat(ItemReviewStatus.decision("PENDING")).isEqualTo(Optional.empty());
        assertThat(ItemReviewStatus.decision("accepted")).isEmpty();
        assertThat(ItemReviewStatus.decision(null)).isEmpty();
    }
}
