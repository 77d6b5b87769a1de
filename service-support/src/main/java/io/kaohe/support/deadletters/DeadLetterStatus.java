package io.kaohe.support.deadletters;

/**
 * Where a dead letter stands. PARKED until an operator replays it; REPLAYED once sent again, and
 * PARKED again if the consumer fails on it once more. Replaying a REPLAYED letter changes nothing.
 */
public enum DeadLetterStatus {

    PARKED,
    REPLAYED;

    boolean canReplay() {
        return this == PARKED;
    }
}
