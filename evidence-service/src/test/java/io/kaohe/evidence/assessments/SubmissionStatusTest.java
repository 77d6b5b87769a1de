package io.kaohe.evidence.assessments;

import static io.kaohe.evidence.assessments.SubmissionStatus.AWAITING_SIGN_OFF;
import static io.kaohe.evidence.assessments.SubmissionStatus.DRAFT;
import static io.kaohe.evidence.assessments.SubmissionStatus.RETURNED;
import static io.kaohe.evidence.assessments.SubmissionStatus.SUBMITTED;
import static io.kaohe.evidence.Problems.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.support.problems.ProblemException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;

class SubmissionStatusTest {

    /** The moves the unit, its head and the reviewers make today; every other pair is refused. */
    private static final Map<SubmissionStatus, Set<SubmissionStatus>> ALLOWED = Map.of(
            DRAFT, EnumSet.of(DRAFT, AWAITING_SIGN_OFF),
            AWAITING_SIGN_OFF, EnumSet.of(AWAITING_SIGN_OFF, DRAFT, RETURNED, SUBMITTED),
            SUBMITTED, EnumSet.of(RETURNED),
            RETURNED, EnumSet.of(RETURNED, AWAITING_SIGN_OFF));

    static Stream<Arguments> allowed() {
        return pairs(true);
    }

    static Stream<Arguments> refused() {
        return pairs(false);
    }

    private static Stream<Arguments> pairs(boolean allowed) {
        List<Arguments> pairs = new ArrayList<>();
        for (SubmissionStatus from : SubmissionStatus.values()) {
            for (SubmissionStatus to : SubmissionStatus.values()) {
                if (ALLOWED.get(from).contains(to) == allowed) {
                    pairs.add(Arguments.of(from, to));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("allowed")
    void movesAlongTheTable(SubmissionStatus from, SubmissionStatus to) {
        assertThat(from.canMoveTo(to)).isTrue();
        assertThat(from.moveTo(to)).isEqualTo(to);
    }

    @ParameterizedTest(name = "{0} ↛ {1}")
    @MethodSource("refused")
    void refusesEveryOtherMoveWith409NamingBothStates(SubmissionStatus from, SubmissionStatus to) {
        assertThat(from.canMoveTo(to)).isFalse();
        ProblemException refused = refusal(() -> from.moveTo(to));
        assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(detail(refused, Locale.SIMPLIFIED_CHINESE)).contains(chinese(from), chinese(to));
        assertThat(detail(refused, Locale.ENGLISH)).contains(english(from), english(to));
    }

    @Test
    void eachRefusalSaysWhy() {
        assertThat(refusal(() -> DRAFT.moveTo(SUBMITTED)).code()).isEqualTo("evidence.sign-off.not-prepared");
        assertThat(refusal(() -> SUBMITTED.moveTo(SUBMITTED)).code()).isEqualTo("evidence.sign-off.not-prepared");
        assertThat(refusal(() -> SUBMITTED.moveTo(AWAITING_SIGN_OFF)).code()).isEqualTo("evidence.assessment.submitted");
        assertThat(refusal(() -> DRAFT.moveTo(RETURNED)).code()).isEqualTo("evidence.assessment.transition");
        assertThat(detail(refusal(() -> RETURNED.moveTo(SUBMITTED)), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("该自评为“退回补充”：尚未提交签发，或提交后又被修改，不能改为“已报送”。");
    }

    @Test
    void anEditKeepsADraftOrReturnedOneAndSendsAPreparedOneBackToBeingEdited() {
        assertThat(DRAFT.edited(false)).isEqualTo(DRAFT);
        assertThat(RETURNED.edited(true)).isEqualTo(RETURNED);
        assertThat(AWAITING_SIGN_OFF.edited(false)).isEqualTo(DRAFT);
        assertThat(AWAITING_SIGN_OFF.edited(true)).isEqualTo(RETURNED);
    }

    @Test
    void aSignedOffOneIsNotEditedUntilAReviewerReturnsAnItem() {
        assertThat(SUBMITTED.editable()).isFalse();
        assertThat(EnumSet.complementOf(EnumSet.of(SUBMITTED))).allMatch(SubmissionStatus::editable);
        ProblemException refused = refusal(() -> SUBMITTED.edited(true));
        assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.code()).isEqualTo("evidence.assessment.submitted");
        assertThat(detail(refused, Locale.SIMPLIFIED_CHINESE)).contains("“已报送”", "“退回补充”");
    }

    private static ProblemException refusal(Runnable move) {
        List<ProblemException> thrown = new ArrayList<>();
        assertThatThrownBy(move::run).isInstanceOfSatisfying(ProblemException.class, thrown::add);
        return thrown.get(0);
    }

    private static String chinese(SubmissionStatus status) {
        return Map.of(DRAFT, "草稿", AWAITING_SIGN_OFF, "待签发", SUBMITTED, "已报送", RETURNED, "退回补充").get(status);
    }

    private static String english(SubmissionStatus status) {
        return Map.of(DRAFT, "Draft", AWAITING_SIGN_OFF, "Awaiting sign-off", SUBMITTED, "Submitted",
                RETURNED, "Returned").get(status);
    }
}
