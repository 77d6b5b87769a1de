package io.kaohe.workflow.process;

import io.kaohe.contracts.events.ReportingPeriod;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cycle's calendar in calendar days (seed 003 gives the defaults): each quarter's self-check is
 * due on the last day of the quarter, the mid-year inspection is in July, the year-end window is
 * December, grades are proposed, approved and published in January. Turned into the process's
 * timer and due-date variables through the cycle's {@link CycleClock}.
 *
 * @param periods         by {@link ReportingPeriod} code, each with the day it opens and the day it is due
 * @param reminderDays    how many days before a due date the reminder goes out
 * @param reviewDays      how long a department has for a review
 * @param resubmitDays    how long a unit has to correct returned items (every return restarts it)
 * @param escalationDays  how long the office has for an escalation
 * @param talkReportDays  a grade whose consequence is TALK_AND_REPORT: the written report is due this many
 *                        days after the talk (一周)
 * @param explanationDays a grade whose consequence is WRITTEN_EXPLANATION: the explanation is due this many
 *                        days after publication
 * @param planDays        an inspection notice's measures are due this many days after the notice
 * @param publicityDays   the publicity period (公示期) in working days; null: the platform's setting
 *                        ({@code kaohe.publicity.working-days}, 5 by default)
 */
public record CycleCalendar(
        int year,
        Map<String, Period> periods,
        Period inspection,
        int reminderDays,
        int reviewDays,
        int resubmitDays,
        int escalationDays,
        LocalDate proposalDue,
        LocalDate approvalDue,
        LocalDate publicationDue,
        int talkReportDays,
        int explanationDays,
        int planDays,
        Integer publicityDays) {

    /** A window of calendar days, both ends included. */
    public record Period(LocalDate opens, LocalDate due) {
    }

    public CycleCalendar {
        periods = Map.copyOf(periods);
    }

    /** Seed 003's calendar for a year. */
    public static CycleCalendar defaults(int year) {
        Map<String, Period> periods = new LinkedHashMap<>();
        for (int q = 1; q <= 4; q++) {
            LocalDate opens = LocalDate.of(year, 3 * q - 2, 1);
            periods.put(ReportingPeriod.quarter(q).code(), new Period(opens, opens.plusMonths(3).minusDays(1)));
        }
        periods.put(ReportingPeriod.YEAR.code(), new Period(LocalDate.of(year, 12, 1), LocalDate.of(year, 12, 31)));
        return new CycleCalendar(year, periods, new Period(LocalDate.of(year, 7, 1), LocalDate.of(year, 7, 31)),
                7, 15, 7, 3, LocalDate.of(year + 1, 1, 15), LocalDate.of(year + 1, 1, 25),
                LocalDate.of(year + 1, 1, 31), 7, 15, 15, null);
    }

    public Period period(String code) {
        Period period = periods.get(code);
        if (period == null) {
            throw new IllegalArgumentException("no period " + code + " in the calendar");
        }
        return period;
    }

    /** Every variable the annual cycle and its unit assessments need for their timers and deadlines. */
    public Map<String, Object> variables(CycleClock clock) {
        Map<String, Object> variables = new LinkedHashMap<>(clock.variables());
        variables.put(Bpmn.Var.QUARTERS, new ArrayList<>(ReportingPeriod.quarters().stream().map(ReportingPeriod::code)
                .toList()));
        for (String code : ReportingPeriod.codes()) {
            Period period = period(code);
            Date due = Date.from(clock.endOf(period.due()));
            variables.put(Bpmn.Var.OPENS_AT_ + code, Date.from(clock.startOf(period.opens())));
            variables.put(Bpmn.Var.DUE_AT_ + code, due);
            variables.put(Bpmn.Var.REMIND_AT_ + code, Date.from(clock.after(due.toInstant(), -reminderDays)));
        }
        variables.put(Bpmn.Var.INSPECTION_AT, Date.from(clock.startOf(inspection.opens())));
        variables.put(Bpmn.Var.INSPECTION_DUE_AT, Date.from(clock.endOf(inspection.due())));
        variables.put(Bpmn.Var.PROPOSAL_DUE_AT, Date.from(clock.endOf(proposalDue)));
        variables.put(Bpmn.Var.APPROVAL_DUE_AT, Date.from(clock.endOf(approvalDue)));
        variables.put(Bpmn.Var.PUBLICATION_DUE_AT, Date.from(clock.endOf(publicationDue)));
        variables.put(Bpmn.Var.REMINDER_DAYS, reminderDays);
        variables.put(Bpmn.Var.REVIEW_DAYS, reviewDays);
        variables.put(Bpmn.Var.RESUBMIT_DAYS, resubmitDays);
        variables.put(Bpmn.Var.ESCALATION_DAYS, escalationDays);
        variables.put(Bpmn.Var.TALK_REPORT_DAYS, talkReportDays);
        variables.put(Bpmn.Var.EXPLANATION_DAYS, explanationDays);
        variables.put(Bpmn.Var.PLAN_DAYS, planDays);
        if (publicityDays != null) {
            variables.put(Bpmn.Var.PUBLICITY_DAYS, publicityDays);
        }
        return variables;
    }
}
