package io.kaohe.support.events;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The idempotent consumer's memory. A consumer asks {@link #firstDelivery} inside the
 * transaction that applies the event: the row and the effect commit together, so a
 * redelivered event finds the row and has no second effect, and a failed one leaves neither.
 */
public class Inbox {

    private final JdbcTemplate jdbc;

    public Inbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time {@code consumer} sees {@code event}; false for every redelivery. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String consumer, ReceivedEvent event) {
        return jdbc.update("insert into processed_event (consumer, event_id, event_type) values (?, ?, ?) "
                + "on conflict do nothing", consumer, event.id(), event.type()) == 1;
    }
}
