package io.kaohe.evidence.assessments;

import io.kaohe.contracts.events.SubmissionAccepted;
import io.kaohe.contracts.events.SubmissionReturned;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.evidence.access.Access;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.support.problems.Faults;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Review of the latest submitted version, item by item: an assessing department accepts or returns
 * (退回补充, with a comment saying what is missing) the items it assesses, an inspector any item of
 * its units. Each item is decided once per version; a return sends the assessment back to the unit.
 * SubmissionAccepted and SubmissionReturned go out with the decisions.
 */
@Service
class Reviews {

    private static final Logger log = LoggerFactory.getLogger(Reviews.class);
    private static final int MAX_COMMENT = 2000;

    private final AssessmentStore store;
    private final AssessmentAccess access;
    private final AssessmentQueries queries;
    private final EventPublisher events;
    private final MessageSource messages;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Reviews(AssessmentStore store, AssessmentAccess access, AssessmentQueries queries, EventPublisher events,
            MessageSource messages, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.access = access;
        this.queries = queries;
        this.events = events;
        this.messages = messages;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** One reviewer's decisions, as the caller gave them. */
    private record Decided(List<SubmissionAccepted.Item> accepted, List<SubmissionReturned.Item> returned) {
    }

    AssessmentViews.Version review(UUID id, AssessmentViews.ReviewRequest request) {
        CurrentUser user = CurrentUser.get();
        AssessmentStore.Row seen = access.existing(user, id);
        AssessmentAccess.Reader reader = access.reader(user, seen); // 404 for whoever may not even read it
        String role = access.reviewerRole(user, seen);
        String department = Roles.INSPECTOR.equals(role) ? null : Access.reviewingDepartment(user);
        Map<String, UnitItem> items = store.items(seen);
        Faults notAssigned = new Faults(messages);
        for (AssessmentViews.Decision decision : request.decisions()) {
            UnitItem item = decision == null || decision.itemCode() == null ? null : items.get(decision.itemCode());
            if (item != null && department != null && !item.assessingDepartments().contains(department)) {
                notAssigned.add("decisions[" + item.itemCode() + "]", "evidence.review.not-assigned", item.itemCode());
            }
        }
        access.requireAssigned(user, notAssigned);
        transaction.executeWithoutResult(tx -> {
            AssessmentStore.Row row = store.lock(id);
            if (row.submittedVersion() != request.version()) {
                throw ProblemException.conflict("evidence.review.stale-version", request.version(), row.submittedVersion());
            }
            Decided decided = checked(request.decisions(), items, reader, store.reviewStatuses(id));
            Instant now = clock.instant();
            for (SubmissionAccepted.Item item : decided.accepted()) {
                store.decide(id, new AssessmentViews.Review(row.submittedVersion(), item.itemCode(),
                        ItemReviewStatus.ACCEPTED, item.comment(), user.username(), role, department, now));
            }
            for (SubmissionReturned.Item item : decided.returned()) {
                store.decide(id, new AssessmentViews.Review(row.submittedVersion(), item.itemCode(),
                        ItemReviewStatus.RETURNED, item.comment(), user.username(), role, department, now));
            }
            if (!decided.returned().isEmpty()) {
                store.returned(id, row.status().moveTo(SubmissionStatus.RETURNED), now);
                events.publish(SubmissionReturned.TYPE, "submissions/" + id, row.cycleId(), row.unitCode(),
                        new SubmissionReturned(id.toString(), row.submittedVersion(), row.cycleId(), row.unitCode(),
                                row.period(), user.username(), role, department, now, decided.returned()));
            }
            if (!decided.accepted().isEmpty()) {
                events.publish(SubmissionAccepted.TYPE, "submissions/" + id, row.cycleId(), row.unitCode(),
                        new SubmissionAccepted(id.toString(), row.submittedVersion(), row.cycleId(), row.unitCode(),
                                row.period(), user.username(), role, department, now, decided.accepted()));
            }
            log.info("self-assessment {} v{} reviewed by {}: {} accepted, {} returned", id, row.submittedVersion(),
                    user.username(), decided.accepted().size(), decided.returned().size());
        });
        return queries.version(id, request.version());
    }

    /** The decisions, each of an item the reviewer sees that awaits a decision; every fault located by item (400). */
    private Decided checked(List<AssessmentViews.Decision> decisions, Map<String, UnitItem> items,
                            AssessmentAccess.Reader reader, Map<String, ItemReviewStatus> statuses) {
        Faults faults = new Faults(messages);
        Decided decided = new Decided(new ArrayList<>(), new ArrayList<>());
        ItemLines.forEach("decisions", decisions, AssessmentViews.Decision::itemCode,
                code -> items.containsKey(code) && reader.sees(items.get(code)), faults, (code, at, d) -> {
                    if (!statuses.get(code).awaitsDecision()) {
                        faults.add(at, "evidence.review.decided", code);
                        return;
                    }
                    String comment = ItemLines.blankToNull(d.comment());
                    if (comment != null && comment.length() > MAX_COMMENT) {
                        faults.add(at + ".comment", "evidence.statement.too-long", MAX_COMMENT);
                        return;
                    }
                    Optional<ItemReviewStatus> decision = ItemReviewStatus.decision(d.decision());
                    if (decision.isEmpty()) {
                        faults.add(at + ".decision", "evidence.review.decision");
                    } else if (decision.get() == ItemReviewStatus.ACCEPTED) {
                        decided.accepted().add(new SubmissionAccepted.Item(code, comment));
                    } else if (comment == null) {
                        faults.add(at + ".comment", "evidence.review.comment-required");
                    } else {
                        decided.returned().add(new SubmissionReturned.Item(code, comment));
                    }
                });
        faults.throwIfAny();
        return decided;
    }
}
