package io.kaohe.workflow.events;

import io.kaohe.contracts.events.GradesProposed;
import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.contracts.events.SubmissionAccepted;
import io.kaohe.contracts.events.SubmissionReturned;
import io.kaohe.support.events.ReceivedEvent;
import io.kaohe.workflow.process.EventCorrelation;
import io.kaohe.workflow.process.EventCorrelation.Outcome;
import org.springframework.stereotype.Component;

/** Dispatches a received event of any topic to its correlation; events of no interest answer NOT_WAITING. */
@Component
class Correlator {

    private final EventCorrelation correlation;

    Correlator(EventCorrelation correlation) {
        this.correlation = correlation;
    }

    Outcome correlate(ReceivedEvent event) {
        if (event.is(SelfAssessmentSubmitted.TYPE)) {
            return correlation.selfAssessmentSubmitted(event.data(SelfAssessmentSubmitted.TYPE));
        }
        if (event.is(SubmissionReturned.TYPE)) {
            return correlation.submissionReturned(event.data(SubmissionReturned.TYPE));
        }
        if (event.is(SubmissionAccepted.TYPE)) {
            return correlation.submissionAccepted(event.data(SubmissionAccepted.TYPE));
        }
        if (event.is(ScoresComputed.TYPE)) {
            return correlation.scoresComputed(event.data(ScoresComputed.TYPE));
        }
        if (event.is(GradesProposed.TYPE)) {
            return correlation.gradesProposed(event.data(GradesProposed.TYPE));
        }
        return Outcome.NOT_WAITING;
    }
}
