package io.kaohe.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.Expression;

/**
 * On the end of a step a unit can be late with (its own scope: the self-check, a correction, a
 * rectification's report, a measure's progress), however it ends: the unit leaves the office's chase
 * it is listed on, if any ({@link Chases#leave}). Fields: {@code kind} ({@link Bpmn.ChaseKind}) and
 * {@code subject} (what the join step named the thing, e.g. the department or the problem; optional).
 */
public class LeaveChase implements ExecutionListener {

    private Expression kind;
    private Expression subject;

    @Override
    public void notify(DelegateExecution execution) {
        Object what = subject == null ? null : subject.getValue(execution);
        Chases.leave(execution, String.valueOf(kind.getValue(execution)), what == null ? null : what.toString());
    }

    public void setKind(Expression kind) {
        this.kind = kind;
    }

    public void setSubject(Expression subject) {
        this.subject = subject;
    }
}
