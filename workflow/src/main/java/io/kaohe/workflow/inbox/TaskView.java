package io.kaohe.workflow.inbox;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A task in the inbox. */
@Schema(name = "InboxTask")
public record TaskView(
        String id,
        @Schema(description = "the task type (the model's element id), e.g. UserTask_ReviewSelfAssessment") String type,
        String name,
        String cycleId,
        String unitCode,
        String unitName,
        String period,
        String department,
        String category,
        String rectificationId,
        String problemId,
        List<String> candidateGroups,
        String assignee,
        String owner,
        Instant due,
        boolean overdue,
        Instant created,
        @Schema(description = "ends when an event arrives (e.g. the unit head's sign-off in evidence-service), not in the inbox")
        boolean completedByEvent,
        @Schema(description = "the form that completes it, e.g. ReviewForm; null when completed by an event") String form,
        boolean hasDraft,
        String processInstanceId,
        @Schema(description = "an appeal's task (publicity period): the appeal and the item it is on") String appealId,
        String itemCode,
        @Schema(description = "the office's chase of late units (UserTask_ChaseLateUnits): its kind and how many units "
                + "it lists; the task's detail lists them") Chase chase) {

    /** A chase of the units late with one thing in one period; {@code units} only in a task's detail. */
    @Schema(name = "InboxChase")
    public record Chase(
            @Schema(description = "LATE_SUBMISSION, LATE_REVISION, LATE_RECTIFICATION_REPORT or OVERDUE_MEASURE") String kind,
            @Schema(description = "how many units it lists") int unitCount,
            @Schema(description = "the late units, by unit code; null in a list of tasks") List<LateUnit> units) {
    }

    /** One late unit on a chase: what it missed (the task type it is late with), when it was due, since when listed. */
    @Schema(name = "InboxLateUnit")
    public record LateUnit(String unitCode, String unitName,
                           @Schema(description = "the task type the unit is late with, e.g. UserTask_SubmitSelfAssessment") String missed,
                           String period,
                           @Schema(description = "what exactly: the department's correction, the rectification or its problem") String subject,
                           Instant dueAt, Instant since) {
    }

    /** A task with what its assignee needs to decide: the relevant process variables, the draft. */
    @Schema(name = "InboxTaskDetail")
    public record Detail(TaskView task, Map<String, Object> context, Object draft) {
    }

    /** One page of the inbox, with the total for paging. */
    @Schema(name = "InboxPage")
    public record Page(List<TaskView> tasks, long total, int page, int size) {
    }

    /** Open tasks of one type the caller can see: for badges. */
    @Schema(name = "InboxCount")
    public record Count(String type, long open, long overdue, long mine) {
    }

    /** A task the caller completed, for the inbox's 已办 list; on time when completed by its due date (or it had none). */
    @Schema(name = "InboxDoneTask")
    public record Done(String id, String type, String name, String cycleId, String unitCode, String unitName,
                       String period, String department, String category, Instant due, Instant completed,
                       boolean onTime, String processInstanceId) {
    }

    /** One page of the caller's completed tasks, newest first. */
    @Schema(name = "InboxDonePage")
    public record DonePage(List<Done> tasks, long total, int page, int size) {
    }
}
