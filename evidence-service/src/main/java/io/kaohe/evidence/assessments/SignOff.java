package io.kaohe.evidence.assessments;

import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.evidence.cycles.CycleCalendar;
import io.kaohe.evidence.files.AttachedEvidence;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.support.problems.Faults;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * From draft to submission: the unit's reporter prepares the draft for sign-off (every item
 * complete), and the unit's head signs it off (经部门主要领导签发). Only then it counts as
 * submitted: the draft becomes the next submitted version, frozen with the evidence attached at that
 * moment, and SelfAssessmentSubmitted goes out with it.
 */
@Service
class SignOff {

    private static final Logger log = LoggerFactory.getLogger(SignOff.class);

    private final AssessmentStore store;
    private final AssessmentAccess access;
    private final AssessmentQueries queries;
    private final CycleCalendar calendar;
    private final AttachedEvidence attached;
    private final EventPublisher events;
    private final MessageSource messages;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ZoneId zone;

    SignOff(AssessmentStore store, AssessmentAccess access, AssessmentQueries queries, CycleCalendar calendar,
            AttachedEvidence attached, EventPublisher events, MessageSource messages, TransactionTemplate transaction,
            Clock clock, @Value("${kaohe.evidence.zone:Asia/Shanghai}") ZoneId zone) {
        this.store = store;
        this.access = access;
        this.queries = queries;
        this.calendar = calendar;
        this.attached = attached;
        this.events = events;
        this.messages = messages;
        this.transaction = transaction;
        this.clock = clock;
        this.zone = zone;
    }

    /** The reporter hands the draft as last seen to the head for sign-off; every item must be complete (400 naming each gap). */
    AssessmentViews.Assessment prepare(UUID id, AssessmentViews.StepRequest request) {
        CurrentUser user = CurrentUser.get();
        AssessmentStore.Row seen = access.editable(user, id);
        Map<String, UnitItem> items = store.items(seen);
        transaction.executeWithoutResult(tx -> {
            AssessmentStore.Row row = store.lock(id);
            SubmissionStatus next = row.status().moveTo(SubmissionStatus.AWAITING_SIGN_OFF);
            requireSeen(row, request);
            Faults faults = new Faults(messages);
            for (AssessmentStore.Line line : store.lines(id)) {
                UnitItem item = items.get(line.itemCode());
                Measurements.requireComplete(item, line.selfScore(), line.measured(), "lines[" + line.itemCode() + "]",
                        faults);
            }
            faults.throwIfAny(HttpStatus.BAD_REQUEST, "evidence.assessment.incomplete");
            store.prepared(id, next, user.username(), clock.instant());
        });
        return queries.viewForUnit(id, user);
    }

    /** The head signs off the prepared draft as last seen: the next submitted version, late if after the period's due date. */
    AssessmentViews.Assessment signOff(UUID id, AssessmentViews.StepRequest request) {
        CurrentUser user = CurrentUser.get();
        AssessmentStore.Row seen = access.signable(user, id);
        CycleCalendar.Period period = calendar.period(seen.cycleId(), seen.period()).orElseThrow();
        transaction.executeWithoutResult(tx -> {
            AssessmentStore.Row row = store.lock(id);
            SubmissionStatus next = row.status().moveTo(SubmissionStatus.SUBMITTED);
            requireSeen(row, request);
            Instant now = clock.instant();
            boolean late = calendar.today(row.cycleId(), clock, zone).isAfter(period.due());
            int version = row.submittedVersion() + 1;
            store.addVersion(id, version, row.preparedBy(), user.username(), now, late);
            Map<String, List<AttachedEvidence.Attached>> evidence =
                    attached.byItem(row.unitCode(), row.cycleId(), row.period());
            List<SelfAssessmentSubmitted.Item> eventItems = new ArrayList<>();
            for (AssessmentStore.Line line : store.lines(id)) {
                List<AttachedEvidence.Attached> files = evidence.getOrDefault(line.itemCode(), List.of());
                store.addSubmittedItem(id, version, line, files.stream().map(SignOff::snapshot).toList());
                eventItems.add(new SelfAssessmentSubmitted.Item(line.itemCode(), line.selfScore(), line.measured(),
                        line.statement(), files.stream().map(f -> f.evidenceId().toString()).toList()));
            }
            store.moveLines(id, ItemReviewStatus.PENDING);
            store.submitted(id, next, version, user.username(), now);
            events.publish(SelfAssessmentSubmitted.TYPE, "submissions/" + id, row.cycleId(), row.unitCode(),
                    new SelfAssessmentSubmitted(id.toString(), version, row.cycleId(), row.unitCode(), row.period(),
                            row.rubricVersionId(), row.preparedBy(), user.username(), now, late, eventItems));
            log.info("self-assessment {} of {} {} {} signed off by {} as version {}{}", id, row.unitCode(),
                    row.cycleId(), row.period(), user.username(), version, late ? " (late)" : "");
        });
        return queries.viewForUnit(id, user);
    }

    /** The step is taken on the draft as the caller last saw it; if someone saved since, 409. */
    private static void requireSeen(AssessmentStore.Row row, AssessmentViews.StepRequest request) {
        if (row.draftVersion() != request.draftVersion()) {
            throw ProblemException.conflict("evidence.assessment.edited", row.draftVersion(), row.updatedBy());
        }
    }

    private static Map<String, Object> snapshot(AttachedEvidence.Attached file) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("evidenceId", file.evidenceId().toString());
        entry.put("version", file.version());
        entry.put("fileName", file.fileName());
        entry.put("contentType", file.contentType());
        entry.put("size", file.size());
        entry.put("sha256", file.sha256());
        if (file.sm3() != null) {
            entry.put("sm3", file.sm3());
        }
        return entry;
    }
}
