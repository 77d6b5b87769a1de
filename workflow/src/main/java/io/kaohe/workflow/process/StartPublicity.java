package io.kaohe.workflow.process;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * The leaders approved every category: the publicity period (公示期) starts now and lasts the
 * cycle's own working days if its calendar sets them, else the platform's; its end (midnight after its last day, on the cycle's clock) is the
 * timer the cycle waits for and the moment after which appeals are refused.
 */
class StartPublicity implements JavaDelegate {

    private final PublicityCalendar calendar;

    StartPublicity(PublicityCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CycleClock clock = CycleClock.of(execution);
        Instant now = Variables.now();
        PublicityCalendar period = execution.getVariable(Bpmn.Var.PUBLICITY_DAYS) instanceof Integer days
                ? calendar.lasting(days) : calendar;
        LocalDate lastDay = period.lastDay(clock.dayAt(now));
        execution.setVariable(Bpmn.Var.PUBLICITY_STARTS_AT, Date.from(now));
        execution.setVariable(Bpmn.Var.PUBLICITY_LAST_DAY, lastDay.toString());
        execution.setVariable(Bpmn.Var.PUBLICITY_ENDS_AT, Date.from(clock.endOf(lastDay)));
        execution.setVariable(Bpmn.Var.APPEAL_ANSWER_DAYS, calendar.answerDays());
    }
}
