package io.kaohe.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A rectification (整改) was opened for a unit: after its grade was published as 较差 (a talk,
 * 约谈, then a written report with measures and time limits within a week), as 一般 (a written
 * explanation with measures), or after the mid-year inspection found problems (a rectification
 * notice, 整改通知书, with its problem list). Published by workflow with the start of the
 * rectification's process (workflow runs it; others, e.g. notifications, follow it);
 * {@code rectificationId} is stable, so one rectification is opened once.
 *
 * @param kind     {@code TALK_AND_REPORT} (较差), {@code EXPLANATION} (一般) or {@code INSPECTION_NOTICE}
 * @param grade    the published grade that caused it; null for an inspection notice
 * @param problems the notice's problem list; empty for the grade kinds (the unit names its own
 *                 problems and measures in its report)
 */
public record RectificationOpened(
        String rectificationId,
        String cycleId,
        String unitCode,
        String kind,
        String grade,
        List<Problem> problems,
        String openedBy,
        Instant openedAt) {

    public static final EventType<RectificationOpened> TYPE =
            new EventType<>("RectificationOpened", RectificationOpened.class, Topics.WORKFLOW);

    public static final String TALK_AND_REPORT = "TALK_AND_REPORT";
    public static final String EXPLANATION = "EXPLANATION";
    public static final String INSPECTION_NOTICE = "INSPECTION_NOTICE";

    /**
     * One problem of a notice: what was found, under which item, where the finding came from, and
     * the deduction the inspection team proposed for it (null if none).
     */
    public record Problem(String problemId, String itemCode, String description, String source,
                          BigDecimal proposedDeduction) {
    }
}
