package io.kaohe.workflow.process;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Sets a deadline some calendar days from now, on the cycle's clock, in a variable local to the
 * scope the listener runs in (and optionally a reminder some days before it). Used where a
 * deadline starts when something happens: a report due a week after the talk, a correction due
 * after each return. Fields: {@code variable}, {@code days}, optionally {@code reminderVariable},
 * {@code reminderDays}.
 */
public class Deadline implements ExecutionListener {

    private Expression variable;
    private Expression days;
    private Expression reminderVariable;
    private Expression reminderDays;

    @Override
    public void notify(DelegateExecution execution) {
        CycleClock clock = CycleClock.of(execution);
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Instant due = clock.after(now, number(days, execution));
        execution.setVariableLocal(text(variable, execution), Date.from(due));
        if (reminderVariable != null) {
            Instant remind = clock.after(due, -number(reminderDays, execution));
            execution.setVariableLocal(text(reminderVariable, execution), Date.from(remind.isBefore(now) ? now : remind));
        }
    }

    static double number(Expression expression, DelegateExecution execution) {
        Object value = expression.getValue(execution);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return Double.parseDouble(String.valueOf(value));
    }

    private static String text(Expression expression, DelegateExecution execution) {
        return String.valueOf(expression.getValue(execution));
    }

    public void setVariable(Expression variable) {
        this.variable = variable;
    }

    public void setDays(Expression days) {
        this.days = days;
    }

    public void setReminderVariable(Expression reminderVariable) {
        this.reminderVariable = reminderVariable;
    }

    public void setReminderDays(Expression reminderDays) {
        this.reminderDays = reminderDays;
    }
}
