package io.kaohe.workflow.process;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Gives a task a due date some calendar days after it was created, on the cycle's clock (e.g. a
 * department's review within 15 days, an escalation within 3). Field: {@code days}.
 */
public class DueIn implements TaskListener {

    private Expression days;

    @Override
    public void notify(DelegateTask task) {
        CycleClock clock = CycleClock.of(task.getExecution());
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Object value = days.getValue(task.getExecution());
        double n = value instanceof Number number ? number.doubleValue() : Double.parseDouble(String.valueOf(value));
        task.setDueDate(Date.from(clock.after(now, n)));
    }

    public void setDays(Expression days) {
        this.days = days;
    }
}
