package io.kaohe.workflow.inbox;

import io.kaohe.contracts.InputLimits;
import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import io.kaohe.support.problems.Validated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.kaohe.support.audit.Audited;
import io.kaohe.support.exports.ListWorkbook;
import io.kaohe.workflow.cycles.CycleRoster;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The task inbox everyone works from. What a caller sees and may do is decided from its token
 * (roles, unit, department, inspected units): tasks offered to its groups, including those a
 * colleague holds.
 */
@RestController
@Tag(name = "inbox", description = "待办任务 / the task inbox")
class InboxController {

    private final InboxQueries queries;
    private final TaskActions actions;
    private final EngineCollisions collisions;
    private final TaskAccess access;
    private final Drafts drafts;
    private final Comments comments;
    private final TaskHistory history;
    private final MessageSource messages;
    private final Validated validated;
    private final CycleRoster roster;

    InboxController(InboxQueries queries, TaskActions actions, EngineCollisions collisions, TaskAccess access,
                    Drafts drafts, Comments comments, TaskHistory history, MessageSource messages, Validated validated,
                    CycleRoster roster) {
        this.collisions = collisions;
        this.validated = validated;
        this.roster = roster;
        this.queries = queries;
        this.actions = actions;
        this.access = access;
        this.drafts = drafts;
        this.comments = comments;
        this.history = history;
        this.messages = messages;
    }

    @GetMapping("/api/workflow/tasks")
    @Operation(summary = "My tasks and my groups' tasks, soonest due first",
            description = "Filters work across process versions: by the tasks' own attributes and type.")
    TaskView.Page list(@RequestParam(required = false) String cycleId,
                       @RequestParam(required = false) String unitCode,
                       @Parameter(description = "task type, e.g. UserTask_ReviewSelfAssessment")
                       @RequestParam(required = false) String type,
                       @Parameter(description = "Q1…Q4 or YEAR") @RequestParam(required = false) String period,
                       @RequestParam(required = false) Instant dueBefore,
                       @Parameter(description = "true: only overdue; false: only not overdue")
                       @RequestParam(required = false) Boolean overdue,
                       @Parameter(description = "me, unassigned, or any (default)") @RequestParam(required = false) String assigned,
                       @Parameter(description = "due (default) or created") @RequestParam(required = false) String sort,
                       @Parameter(description = "asc (default) or desc") @RequestParam(required = false) String order,
                       @RequestParam(defaultValue = "0") int page,
                       @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw ProblemException.badRequest("workflow.inbox.page");
        }
        return queries.list(CurrentUser.get(), new InboxQueries.Filter(blank(cycleId), blank(unitCode), blank(type),
                blank(period), dueBefore, overdue, blank(assigned), blank(sort), blank(order), page, size));
    }

    @GetMapping("/api/workflow/tasks/done")
    @Operation(summary = "The tasks the caller completed (已办), newest first, each with whether it was on time",
            description = "Only the caller's own completions; tasks ended by an event or the process are not listed.")
    TaskView.DonePage done(@RequestParam(required = false) String cycleId,
                           @RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw ProblemException.badRequest("workflow.inbox.page");
        }
        return queries.done(CurrentUser.get(), blank(cycleId), page, size);
    }

    @GetMapping("/api/workflow/tasks.xlsx")
    @Audited(action = "export", object = "inbox")
    @Operation(summary = "My open tasks (待办) as .xlsx: the list's filters, every page",
            description = "Columns 任务, 考核周期, 被考核单位, 期间, 考核部门, 到期日, 状态 (待办/已逾期), 办理人, 创建时间; "
                    + "only the tasks the list shows the caller, at most 20,000 rows (a last row counts the rest).")
    ResponseEntity<StreamingResponseBody> listXlsx(@RequestParam(required = false) String cycleId,
                                                   @RequestParam(required = false) String unitCode,
                                                   @RequestParam(required = false) String type,
                                                   @RequestParam(required = false) String period,
                                                   @RequestParam(required = false) Instant dueBefore,
                                                   @RequestParam(required = false) Boolean overdue,
                                                   @RequestParam(required = false) String assigned,
                                                   @RequestParam(required = false) String sort,
                                                   @RequestParam(required = false) String order) {
        TaskView.Page open = queries.everyOpen(CurrentUser.get(), new InboxQueries.Filter(blank(cycleId),
                blank(unitCode), blank(type), blank(period), dueBefore, overdue, blank(assigned), blank(sort),
                blank(order), 0, 500));
        InboxWorkbook.Names names = new InboxWorkbook.Names(queries.cycleTitles(), roster.departmentNames());
        return ListWorkbook.download("待办任务.xlsx", "待办", InboxWorkbook.OPEN,
                book -> InboxWorkbook.open(book, open, names));
    }

    @GetMapping("/api/workflow/tasks/done.xlsx")
    @Audited(action = "export", object = "inbox")
    @Operation(summary = "The tasks I completed (已办) as .xlsx, newest first",
            description = "Columns 任务, 考核周期, 被考核单位, 期间, 考核部门, 到期日, 完成时间, 是否按时; only the caller's "
                    + "own completions, at most 20,000 rows.")
    ResponseEntity<StreamingResponseBody> doneXlsx(@RequestParam(required = false) String cycleId) {
        TaskView.DonePage done = queries.everyDone(CurrentUser.get(), blank(cycleId));
        InboxWorkbook.Names names = new InboxWorkbook.Names(queries.cycleTitles(), roster.departmentNames());
        return ListWorkbook.download("已办任务.xlsx", "已办", InboxWorkbook.DONE,
                book -> InboxWorkbook.done(book, done, names));
    }

    @GetMapping("/api/workflow/tasks/counts")
    @Operation(summary = "Open tasks per type the caller can see, overdue ones and the caller's own: for badges")
    List<TaskView.Count> counts(@RequestParam(required = false) String cycleId) {
        return queries.counts(CurrentUser.get(), blank(cycleId));
    }

    @GetMapping("/api/workflow/tasks/{taskId}")
    @Operation(summary = "A task with what its assignee needs to decide and its saved draft")
    TaskView.Detail one(@PathVariable String taskId, HttpServletRequest request) {
        return queries.detail(access.visible(taskId, CurrentUser.get(), request));
    }

    @PostMapping("/api/workflow/tasks/{taskId}/claim")
    @Operation(summary = "Take the task (409 if a colleague holds it)")
    TaskView claim(@PathVariable String taskId, HttpServletRequest request) {
        CurrentUser user = CurrentUser.get();
        return view(collisions.retried("task " + taskId, () -> actions.claim(taskId, user, request)));
    }

    @PostMapping("/api/workflow/tasks/{taskId}/unclaim")
    @Operation(summary = "Give the task back to the group (the holder, or the office)")
    TaskView unclaim(@PathVariable String taskId, HttpServletRequest request) {
        CurrentUser user = CurrentUser.get();
        return view(collisions.retried("task " + taskId, () -> actions.unclaim(taskId, user, request)));
    }

    @Schema(name = "DelegateRequest")
    record DelegateRequest(@Schema(description = "the colleague's user name", example = "reporter2.sjw")
                           @NotBlank @Size(max = InputLimits.NAME_MAX) String userId) {
    }

    @PostMapping("/api/workflow/tasks/{taskId}/delegate")
    @Operation(summary = "Pass the task to a colleague (the caller stays its owner)",
            description = "The colleague acts on it only within the task's groups: a task is never visible outside them. "
                    + "So the colleague must be a candidate for it (one of their groups, as of their latest sign-in, "
                    + "is one of the task's): 400 workflow.task.delegate-unknown for someone who never signed in, "
                    + "403 workflow.task.delegate-not-candidate for another unit's, department's or role's user.")
    TaskView delegate(@PathVariable String taskId, @RequestBody DelegateRequest body, HttpServletRequest request) {
        validated.check(body, "workflow.request.invalid");
        CurrentUser user = CurrentUser.get();
        return view(collisions.retried("task " + taskId,
                () -> actions.delegate(taskId, body.userId().strip(), user, request)));
    }

    @PostMapping("/api/workflow/tasks/{taskId}/complete")
    @Operation(summary = "Complete the task with its form (see the task's 'form': ReviewForm, ApprovalForm …)",
            description = "400 lists every invalid field; 409 if a colleague holds the task or it ends by an event; "
                    + "404 if it is not the caller's to see. A job of the process changing it at the same moment is "
                    + "waited out (tried again, at most 3 times in all, before 409 platform.concurrent-edit).")
    TaskActions.Completed complete(@PathVariable String taskId, @RequestBody JsonNode form, HttpServletRequest request) {
        CurrentUser user = CurrentUser.get();
        return collisions.retried("task " + taskId, () -> actions.complete(taskId, form, user, request));
    }

    @Schema(name = "BulkCompleteRequest")
    record BulkRequest(@NotEmpty @Size(max = 500) List<@Valid @NotNull Item> items) {
        @Schema(name = "BulkCompleteItem")
        record Item(@NotBlank @Size(max = InputLimits.CODE_MAX) String taskId, @NotNull JsonNode form) {
        }
    }

    /** One task's outcome in a bulk completion: 200, or the refusal as a problem would have said it. */
    @Schema(name = "BulkCompleteResult")
    record BulkResult(String taskId, int status, String code, String detail,
                      List<io.kaohe.support.problems.ProblemError> errors) {
    }

    @PostMapping("/api/workflow/tasks/bulk-complete")
    @Operation(summary = "Complete several tasks, each on its own: the result says, per task, done or why not")
    List<BulkResult> bulk(@RequestBody BulkRequest body, HttpServletRequest request) {
        validated.check(body, "workflow.request.invalid");
        CurrentUser user = CurrentUser.get();
        Locale locale = LocaleContextHolder.getLocale();
        List<BulkResult> results = new ArrayList<>();
        for (BulkRequest.Item item : body.items()) {
            try {
                collisions.retried("task " + item.taskId(),
                        () -> actions.complete(item.taskId(), item.form(), user, request));
                results.add(new BulkResult(item.taskId(), 200, "workflow.task.completed", null, List.of()));
            } catch (ProblemException e) {
                results.add(new BulkResult(item.taskId(), e.status().value(), e.code(),
                        messages.getMessage(e.code(), e.args(), e.code(), locale), e.errors()));
            }
        }
        return results;
    }

    @PutMapping("/api/workflow/tasks/{taskId}/draft")
    @Operation(summary = "Save the task's form without completing it (partial is fine)")
    Drafts.Draft saveDraft(@PathVariable String taskId, @RequestBody JsonNode form, HttpServletRequest request) {
        return drafts.save(taskId, form, CurrentUser.get(), request);
    }

    @GetMapping("/api/workflow/tasks/{taskId}/draft")
    @Operation(summary = "The task's saved draft (404 if none)")
    Drafts.Draft draft(@PathVariable String taskId, HttpServletRequest request) {
        return drafts.get(taskId, CurrentUser.get(), request);
    }

    @DeleteMapping("/api/workflow/tasks/{taskId}/draft")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Discard the task's draft")
    void discardDraft(@PathVariable String taskId, HttpServletRequest request) {
        drafts.discard(taskId, CurrentUser.get(), request);
    }

    @Schema(name = "CommentRequest")
    record CommentRequest(@NotBlank @Size(max = InputLimits.TEXT_MAX) String body) {
    }

    @PostMapping("/api/workflow/tasks/{taskId}/comments")
    @Operation(summary = "Comment on the task")
    ResponseEntity<Comments.Comment> comment(@PathVariable String taskId, @RequestBody CommentRequest body,
                                             HttpServletRequest request) {
        validated.check(body, "workflow.request.invalid");
        return ResponseEntity.status(HttpStatus.CREATED).body(comments.add(taskId, body.body(), CurrentUser.get(), request));
    }

    @GetMapping("/api/workflow/tasks/{taskId}/comments")
    @Operation(summary = "The task's comments, oldest first")
    List<Comments.Comment> comments(@PathVariable String taskId, HttpServletRequest request) {
        return comments.of(taskId, CurrentUser.get(), request);
    }

    @GetMapping("/api/workflow/tasks/{taskId}/history")
    @Operation(summary = "Who did what with the task, when (also after it is done)")
    List<TaskHistory.Entry> history(@PathVariable String taskId, HttpServletRequest request) {
        return history.of(taskId, CurrentUser.get(), request);
    }

    @Schema(name = "HandoverRequest")
    record HandoverRequest(@Schema(description = "who left", example = "reporter.sjw") @NotBlank @Size(max = InputLimits.NAME_MAX) String from,
                           @Schema(description = "who takes over; empty gives the tasks back to their groups")
                           @Size(max = InputLimits.NAME_MAX) String to) {
    }

    @Schema(name = "HandoverResult")
    record HandoverResult(String from, String to, List<String> taskIds) {
    }

    @PostMapping("/api/workflow/handovers")
    @Operation(summary = "Hand over every open task a person holds (office): to a colleague, or back to the groups")
    HandoverResult handOver(@RequestBody HandoverRequest body) {
        validated.check(body, "workflow.request.invalid");
        String from = body.from().strip();
        String to = blank(body.to());
        CurrentUser office = CurrentUser.get();
        return new HandoverResult(from, to, collisions.retried("tasks held by " + from,
                () -> actions.handOver(from, to, office)));
    }

    private TaskView view(Task task) {
        return queries.views(List.of(task)).get(0);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
