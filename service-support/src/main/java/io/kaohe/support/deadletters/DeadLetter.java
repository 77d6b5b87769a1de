package io.kaohe.support.deadletters;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An event one of this service's consumers could not apply, parked on its topic's dead-letter
 * twin: what it is, who parked it and why, and whether it has been replayed. The message itself
 * is shown only for one letter at a time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(long id, String eventId, String eventType, String topic, String consumer, String reason,
                         DeadLetterStatus status, int timesParked, Instant firstParkedAt, Instant lastParkedAt,
                         int timesReplayed, Instant replayedAt, String replayedBy, String message) {
}
