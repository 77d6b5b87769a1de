package io.kaohe.contracts.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type of the platform, looked up by its CloudEvents {@code type}. */
public final class EventTypes {

    public static final List<EventType<?>> ALL = List.of(
            RubricPublished.TYPE,
            CycleOpened.TYPE,
            SelfAssessmentSubmitted.TYPE,
            GradesApproved.TYPE,
            RosterChanged.TYPE,
            ScoresComputed.TYPE,
            GradesProposed.TYPE,
            ComputeScores.TYPE,
            RecordDecision.TYPE,
            SubmissionReturned.TYPE,
            SubmissionAccepted.TYPE,
            EvidenceAdded.TYPE,
            RectificationOpened.TYPE,
            RectificationClosed.TYPE,
            AppealClosed.TYPE,
            BonusApplicationFiled.TYPE,
            BonusApplicationAnswered.TYPE,
            CyclePublished.TYPE,
            DeadlineApproaching.TYPE,
            TaskOverdue.TYPE,
            TaskCreated.TYPE,
            TaskReturned.TYPE,
            AuditRecorded.TYPE);

    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    private EventTypes() {
    }

    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
