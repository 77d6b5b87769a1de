package io.kaohe.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.events.GradesProposed;
import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.workflow.tasks.Completion;
import io.kaohe.workflow.tasks.TaskForm;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every process test shares: the engine on the real test PostgreSQL with the five models
 * deployed, the real steps on a recorder of what is sent, the real event correlation, the
 * cycle's calendar of 2015 on an uncompressed clock, and helpers that complete tasks with the
 * inbox's validated forms and run the jobs that are due.
 */
@Deployment(resources = {"bpmn/annual-cycle.bpmn", "bpmn/unit-assessment.bpmn", "bpmn/period-assessment.bpmn",
        "bpmn/rectification.bpmn", "bpmn/chase.bpmn"})
abstract class ProcessTest {

    static final String CYCLE = "2015";
    static final String SJW = "bz-sjw";
    static final String ZJFY = "bz-zjfy";
    static final String RUBRIC = "2f7e5a10-7c3b-4d2e-9a1f-3c5b7d9e0a12";

    @RegisterExtension
    ProcessEngineExtension extension = ProcessEngineExtension.builder()
            .useProcessEngine(ProcessTestEngine.get()).build();

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    final RecordedCommands commands = ProcessTestEngine.commands();
    final CycleCalendar calendar = CycleCalendar.defaults(2015);
    final CycleClock clock = CycleClock.real(2015);
    ProcessEngine engine;
    EventCorrelation correlation;

    @BeforeEach
    void engineAndSteps() {
        engine = extension.getProcessEngine();
        BpmnAwareTests.init(engine);
        commands.clear();
        correlation = new EventCorrelation(engine);
        at(LocalDate.of(2015, 1, 1).atTime(8, 0));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** Moves the engine's clock to a moment of 2015 (Beijing time) and runs every job due by then. */
    void at(LocalDateTime beijing) {
        ClockUtil.setCurrentTime(Date.from(beijing.atZone(CycleClock.ZONE).toInstant()));
        runDueJobs();
    }

    void runDueJobs() {
        for (int round = 0; round < 200; round++) {
            List<Job> due = engine.getManagementService().createJobQuery().executable().list();
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                engine.getManagementService().executeJob(job.getId());
            }
        }
        throw new AssertionError("jobs keep coming: a loop in the model?");
    }

    Map<String, Object> cycleVariables() {
        return new HashMap<>(calendar.variables(clock));
    }

    ProcessInstance startUnit(String unit) {
        Map<String, Object> variables = cycleVariables();
        variables.put(Bpmn.Var.CYCLE_ID, CYCLE);
        variables.put(Bpmn.Var.UNIT_CODE, unit);
        variables.put(Bpmn.Var.RUBRIC_VERSION_ID, RUBRIC);
        variables.put(Bpmn.Var.RESUME_AT, Bpmn.Step.START);
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(Bpmn.Process.UNIT_ASSESSMENT,
                EventCorrelation.businessKey(CYCLE, unit), variables);
        runDueJobs();
        return instance;
    }

    ProcessInstance period(String unit, String period) {
        return engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(Bpmn.Process.PERIOD_ASSESSMENT)
                .processInstanceBusinessKey(EventCorrelation.businessKey(CYCLE, unit))
                .variableValueEquals(Bpmn.Var.PERIOD, period).singleResult();
    }

    EventCorrelation.Outcome submit(String unit, String period, int version) {
        EventCorrelation.Outcome outcome = correlation.selfAssessmentSubmitted(new SelfAssessmentSubmitted(
                "submission-" + unit + "-" + period, version, CYCLE, unit, period, RUBRIC, "reporter." + unit,
                "head." + unit, Instant.now(), false, List.of()));
        runDueJobs();
        return outcome;
    }

    List<Task> tasks(String type) {
        return engine.getTaskService().createTaskQuery().taskDefinitionKey(type).orderByTaskCreateTime().asc().list();
    }

    /** Every department accepts every item it owns (as evidence-service reports it). */
    void acceptAll(String unit, String period, int version) {
        new FixedDepartments().itemsByDepartment(RUBRIC, unit).forEach((department, items) ->
                correlation.submissionAccepted(new io.kaohe.contracts.events.SubmissionAccepted("submission-" + unit + "-" + period,
                        version, CYCLE, unit, period, "reviewer." + department, "dept-reviewer", department, Instant.now(),
                        items.stream().map(i -> new io.kaohe.contracts.events.SubmissionAccepted.Item(i, null)).toList())));
        runDueJobs();
    }

    /**
     * The units' whole year on time: each quarter submitted mid-quarter and accepted, the inspection
     * without findings in July, the year-end self-assessment in December; ends where the units wait
     * for their scores.
     */
    void wholeYear(String... units) {
        int[] months = {2, 5, 8, 11};
        for (int q = 0; q < 4; q++) {
            at(LocalDate.of(2015, months[q], 10).atTime(9, 0));
            for (String unit : units) {
                submit(unit, "Q" + (q + 1), 1);
                acceptAll(unit, "Q" + (q + 1), 1);
            }
            if (q == 1) {
                at(LocalDate.of(2015, 7, 10).atTime(9, 0));
                for (String unit : units) {
                    complete(onlyTask(Bpmn.Task.RECORD_INSPECTION_FINDINGS, TaskGroups.inspector(unit)), "inspector.1",
                            new io.kaohe.workflow.tasks.FindingsForm(LocalDate.of(2015, 7, 10), "听取汇报、查阅资料，未发现问题", List.of()));
                }
            }
        }
        at(LocalDate.of(2015, 12, 10).atTime(9, 0));
        for (String unit : units) {
            submit(unit, "YEAR", 1);
            acceptAll(unit, "YEAR", 1);
        }
    }

    EventCorrelation.Outcome scoresComputed(String unit, io.kaohe.contracts.events.ScoresComputed.Trigger trigger) {
        EventCorrelation.Outcome outcome = correlation.scoresComputed(new io.kaohe.contracts.events.ScoresComputed(CYCLE,
                unit, "party-dept", trigger, new java.math.BigDecimal("50.00"), new java.math.BigDecimal("49.50"),
                new java.math.BigDecimal("48.70"), null, 3, 3, List.of(), Instant.now()));
        runDueJobs();
        return outcome;
    }

    /** The late units an open chase task lists: unit code → what it missed, as the chase keeps them. */
    Map<String, Map<String, String>> listed(Task chase) {
        Map<String, Map<String, String>> units = new java.util.TreeMap<>();
        engine.getTaskService().getVariables(chase.getId()).forEach((name, value) -> {
            if (name.startsWith(Bpmn.Var.LATE_UNIT_)) {
                @SuppressWarnings("unchecked")
                Map<String, String> entry = (Map<String, String>) value;
                units.put(entry.get("unitCode"), entry);
            }
        });
        return units;
    }

    List<Task> tasksIn(String type, String period) {
        return engine.getTaskService().createTaskQuery().taskDefinitionKey(type)
                .taskVariableValueEquals(Bpmn.Var.PERIOD, period).list();
    }

    List<Task> tasks(String type, String candidateGroup) {
        return engine.getTaskService().createTaskQuery().taskDefinitionKey(type).taskCandidateGroup(candidateGroup)
                .includeAssignedTasks().list();
    }

    Task onlyTask(String type, String candidateGroup) {
        List<Task> found = tasks(type, candidateGroup);
        assertThat(found).as(type + " for " + candidateGroup).hasSize(1);
        return found.get(0);
    }

    /** Completes a task as the inbox does: the form validated, its record kept on the task, its flow variables set. */
    void complete(Task task, String username, TaskForm form) {
        Set<ConstraintViolation<TaskForm>> violations = VALIDATOR.validate(form);
        assertThat(violations).as("the form is valid").isEmpty();
        Map<String, Object> taskVariables = engine.getTaskService().getVariables(task.getId());
        Completion completion = new Completion(username, CycleClock.from(taskVariables), taskVariables);
        assertThat(form.faults(completion)).as("the form fits its task").isEmpty();
        engine.getTaskService().setVariablesLocal(task.getId(), form.record(completion));
        engine.getTaskService().complete(task.getId(), form.flow(completion));
        runDueJobs();
    }

    Object variable(ProcessInstance instance, String name) {
        return engine.getRuntimeService().getVariable(instance.getId(), name);
    }

    /** The running rectification of that id, or null. */
    ProcessInstance rectification(String rectificationId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(Bpmn.Process.RECTIFICATION)
                .processInstanceBusinessKey(rectificationId).singleResult();
    }

    boolean ended(ProcessInstance instance) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
                .finished().count() == 1;
    }

    // the annual cycle up to the leaders' approval

    ProcessInstance startCycle(String... units) {
        Map<String, Object> variables = cycleVariables();
        variables.put(Bpmn.Var.CYCLE_ID, CYCLE);
        variables.put(Bpmn.Var.RUBRIC_VERSION_ID, RUBRIC);
        variables.put(Bpmn.Var.UNIT_CODES, new ArrayList<>(List.of(units)));
        ProcessInstance cycle = engine.getRuntimeService().startProcessInstanceByKey(Bpmn.Process.ANNUAL_CYCLE, CYCLE,
                variables);
        runDueJobs();
        return cycle;
    }

    ProcessInstance yearDoneAndProposed(GradesProposed proposal) {
        ProcessInstance cycle = startCycle(SJW, ZJFY);
        wholeYear(SJW, ZJFY);
        scoresComputed(SJW, ScoresComputed.Trigger.FULL_RECOMPUTE);
        assertThat(tasks(Bpmn.Task.PROPOSE_GRADES)).isEmpty();
        scoresComputed(ZJFY, ScoresComputed.Trigger.FULL_RECOMPUTE);
        Task propose = onlyTask(Bpmn.Task.PROPOSE_GRADES, TaskGroups.OFFICE);
        assertThat(propose.getDueDate().toInstant()).isEqualTo(
                java.time.LocalDate.of(2016, 1, 16).atStartOfDay(CycleClock.ZONE).toInstant());
        at(LocalDateTime.of(2016, 1, 10, 10, 0));
        assertThat(correlation.gradesProposed(proposal)).isEqualTo(EventCorrelation.Outcome.CORRELATED);
        runDueJobs();
        assertThat(variable(cycle, Bpmn.Var.PROPOSED_BY)).isEqualTo("office");
        return cycle;
    }

    Task approvalTask(String category) {
        List<Task> found = engine.getTaskService().createTaskQuery().taskDefinitionKey(Bpmn.Task.APPROVE_GRADES)
                .taskCandidateGroup(TaskGroups.LEADER).taskVariableValueEquals(Bpmn.Var.CATEGORY, category).list();
        assertThat(found).as("the leader's approval of " + category).hasSize(1);
        return found.get(0);
    }

    /** Moves the clock to the end of the cycle's publicity period (公示期) and runs what is due. */
    void publicityOver(ProcessInstance cycle) {
        Date ends = (Date) variable(cycle, Bpmn.Var.PUBLICITY_ENDS_AT);
        assertThat(ends).as("the publicity period has started").isNotNull();
        ClockUtil.setCurrentTime(ends);
        runDueJobs();
    }
}
