package io.kaohe.evidence.assessments;

import io.kaohe.support.problems.ProblemException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Where a unit's self-assessment stands ({@code self_assessment.status}) and the moves the unit,
 * its head and the reviewers make:
 * <pre>
 * from               to                   by
 * DRAFT              DRAFT                the unit saving its draft
 *                    AWAITING_SIGN_OFF    the unit's reporter preparing it (every item complete)
 * AWAITING_SIGN_OFF  AWAITING_SIGN_OFF    the reporter preparing it again
 *                    DRAFT / RETURNED     the unit changing it: it must be prepared again (RETURNED once submitted)
 *                    SUBMITTED            the unit's head signing it off (经部门主要领导签发)
 *                    RETURNED             a reviewer returning an item of the last submitted version
 * SUBMITTED          RETURNED             a reviewer returning an item (退回补充)
 * RETURNED           RETURNED             the unit correcting returned items; another reviewer returning one
 *                    AWAITING_SIGN_OFF    the reporter preparing the correction
 * </pre>
 * A signed-off self-assessment changes only when a reviewer returns an item.
 */
enum SubmissionStatus {

    DRAFT,
    /** Prepared by the unit's reporter: every item complete, waiting for the head's sign-off (签发). */
    AWAITING_SIGN_OFF,
    /** Signed off: a submitted version, under review. */
    SUBMITTED,
    /** An item was returned for more (退回补充): the unit corrects the returned items and signs off again. */
    RETURNED;

    private static final Map<SubmissionStatus, Set<SubmissionStatus>> NEXT = new EnumMap<>(SubmissionStatus.class);

    static {
        NEXT.put(DRAFT, EnumSet.of(DRAFT, AWAITING_SIGN_OFF));
        NEXT.put(AWAITING_SIGN_OFF, EnumSet.of(AWAITING_SIGN_OFF, DRAFT, RETURNED, SUBMITTED));
        NEXT.put(SUBMITTED, EnumSet.of(RETURNED));
        NEXT.put(RETURNED, EnumSet.of(RETURNED, AWAITING_SIGN_OFF));
    }

    boolean canMoveTo(SubmissionStatus target) {
        return NEXT.get(this).contains(target);
    }

    /** The target, if this state may move there; else 409 naming both states. */
    SubmissionStatus moveTo(SubmissionStatus target) {
        if (!canMoveTo(target)) {
            throw refused(refusal(target), target);
        }
        return target;
    }

    /** Whether the unit may change the draft: not while it is signed off and under review. */
    boolean editable() {
        return this != SUBMITTED;
    }

    /**
     * The state an edit of the draft leaves: a prepared draft goes back to being edited (DRAFT, or
     * RETURNED once a version was submitted); a signed-off one is refused (409).
     */
    SubmissionStatus edited(boolean submittedBefore) {
        SubmissionStatus editing = submittedBefore ? RETURNED : DRAFT;
        if (!editable()) {
            throw refused("evidence.assessment.submitted", editing);
        }
        return moveTo(this == AWAITING_SIGN_OFF ? editing : this);
    }

    /** The reason a move is refused: only a prepared draft is signed off; a signed-off one awaits review. */
    private String refusal(SubmissionStatus target) {
        if (target == SUBMITTED) {
            return "evidence.sign-off.not-prepared";
        }
        return this == SUBMITTED ? "evidence.assessment.submitted" : "evidence.assessment.transition";
    }

    private ProblemException refused(String code, SubmissionStatus target) {
        return ProblemException.conflict(code, label(), target.label());
    }

    /** The state's name in the caller's language, resolved when the problem detail is written. */
    DefaultMessageSourceResolvable label() {
        return new DefaultMessageSourceResolvable(new String[] {"evidence.submission-status." + name()}, name());
    }
}
