package io.kaohe.workflow.process;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The office's chases (督促): one per cycle, period and kind of lateness, listing the late units
 * (model {@code chase}). A unit's process reports its unit late ({@link #join}) and, when the unit
 * does the late thing or its step ends otherwise, takes it off the list ({@link #leave}). The first
 * late unit starts the chase; a chase already waiting for the office gets the unit on its one task;
 * the last unit catching up before the office acts ends it. Each listed unit is a variable of the
 * chase ({@code lateUnit_<unit>[@subject]}): a map of strings, so joining and leaving touch one row,
 * however many units are late. Joins and leaves of one chase are serialized by a transaction-scoped
 * PostgreSQL advisory lock on its key, so two units going late at once start one chase, not two.
 */
final class Chases {

    /** The advisory lock's class (two-key form): issue 16, the chases aggregate. */
    private static final int LOCK_CLASS = 16;

    private Chases() {
    }

    /** The variable that lists one late unit (and the thing it is late with) on its chase. */
    static String entry(String unitCode, String subject) {
        return Bpmn.Var.LATE_UNIT_ + unitCode + (subject == null || subject.isBlank() ? "" : "@" + subject);
    }

    /** Lists the execution's unit on the chase of its cycle, period and {@code kind}, starting the chase if none waits. */
    static void join(DelegateExecution execution, String kind) {
        String cycleId = Variables.required(execution, Bpmn.Var.CYCLE_ID);
        String unitCode = Variables.required(execution, Bpmn.Var.UNIT_CODE);
        String period = Variables.text(execution, Bpmn.Var.PERIOD);
        String subject = Variables.text(execution, Bpmn.Var.NOTICE_SUBJECT);
        Instant dueAt = Variables.instant(execution, Bpmn.Var.NOTICE_DUE_AT);
        String key = Bpmn.Process.chaseKey(cycleId, period, kind);
        lock(key);

        HashMap<String, String> late = new HashMap<>();
        late.put("unitCode", unitCode);
        late.put("missed", Variables.required(execution, Bpmn.Var.NOTICE_OF));
        if (period != null) {
            late.put("period", period);
        }
        if (subject != null) {
            late.put("subject", subject);
        }
        if (dueAt != null) {
            late.put("dueAt", dueAt.toString());
        }
        late.put("since", Variables.now().toString());
        late.put("processInstanceId", execution.getProcessInstanceId());
        Map<String, Object> variables = new HashMap<>();
        variables.put(entry(unitCode, subject), late);

        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        ProcessInstance chase = waiting(runtime, key);
        if (chase != null) {
            runtime.createMessageCorrelation(Bpmn.Message.ANOTHER_UNIT_LATE).processInstanceId(chase.getId())
                    .setVariables(variables).correlateWithResult();
            return;
        }
        variables.put(Bpmn.Var.CYCLE_ID, cycleId);
        if (period != null) {
            variables.put(Bpmn.Var.PERIOD, period);
        }
        variables.put(Bpmn.Var.CHASE_KIND, kind);
        for (String name : new String[] {Bpmn.Var.YEAR_START, Bpmn.Var.CLOCK_START, Bpmn.Var.SECONDS_PER_DAY,
                Bpmn.Var.ESCALATION_DAYS}) {
            variables.put(name, execution.getVariable(name));
        }
        runtime.createMessageCorrelation(Bpmn.Message.UNIT_LATE).processInstanceBusinessKey(key)
                .setVariables(variables).correlateStartMessage();
    }

    /**
     * Takes the execution's unit (and subject) off the chase of its cycle, period and {@code kind}, if
     * it is listed on one that waits for the office; the last one leaving ends the chase.
     */
    static void leave(DelegateExecution execution, String kind, String subject) {
        String cycleId = Variables.text(execution, Bpmn.Var.CYCLE_ID);
        String unitCode = Variables.text(execution, Bpmn.Var.UNIT_CODE);
        if (cycleId == null || unitCode == null) {
            return;
        }
        String key = Bpmn.Process.chaseKey(cycleId, Variables.text(execution, Bpmn.Var.PERIOD), kind);
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        String entry = entry(unitCode, subject);
        // Most steps end on time: a cheap look first, the lock only when the unit may be listed.
        ProcessInstance chase = waiting(runtime, key);
        if (chase == null || runtime.getVariable(chase.getId(), entry) == null) {
            return;
        }
        lock(key);
        chase = waiting(runtime, key);
        if (chase == null || runtime.getVariable(chase.getId(), entry) == null) {
            return;
        }
        runtime.removeVariable(chase.getId(), entry);
        // Queries read the database, where the removal is not yet written (the engine writes at the end of the
        // command): is any other unit listed?
        boolean others = runtime.createVariableInstanceQuery().processInstanceIdIn(chase.getId())
                .variableNameLike(Bpmn.Var.LATE_UNIT_ + "%").disableBinaryFetching().disableCustomObjectDeserialization()
                .listPage(0, 2).stream().anyMatch(v -> !v.getName().equals(entry));
        runtime.createMessageCorrelation(others ? Bpmn.Message.UNIT_CAUGHT_UP : Bpmn.Message.ALL_CAUGHT_UP)
                .processInstanceId(chase.getId()).correlateWithResult();
    }

    private static ProcessInstance waiting(RuntimeService runtime, String key) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(Bpmn.Process.CHASE)
                .processInstanceBusinessKey(key).active().list().stream().findFirst().orElse(null);
    }

    /** Holds the chase's key until the engine's transaction ends. */
    private static void lock(String key) {
        try (PreparedStatement statement = Context.getCommandContext().getDbSqlSession().getSqlSession()
                .getConnection().prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
            statement.setInt(1, LOCK_CLASS);
            statement.setString(2, key);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock the chase " + key, e);
        }
    }
}
