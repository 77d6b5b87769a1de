package io.kaohe.notification.delivery;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one send stands. PENDING (due now or after the person's quiet hours) and RETRYING (after a
 * failure, with back-off) are sent by the worker; HELD waits for the person's daily digest; SENT and
 * FAILED are final. Only the transitions listed here happen.
 */
enum DeliveryState {
    SENT, FAILED,
    PENDING, RETRYING, HELD;

    private Set<DeliveryState> next() {
        return switch (this) {
            case PENDING, RETRYING -> EnumSet.of(SENT, RETRYING, FAILED);
            case HELD -> EnumSet.of(SENT, HELD, FAILED);
            case SENT, FAILED -> EnumSet.noneOf(DeliveryState.class);
        };
    }

    /** The state after this one, or an error if that transition is not allowed. */
    DeliveryState to(DeliveryState next) {
        if (!next().contains(next)) {
            throw new IllegalStateException("a delivery cannot go from " + this + " to " + next);
        }
        return next;
    }
}
