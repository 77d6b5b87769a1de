package io.kaohe.scoring.roster;

import io.kaohe.contracts.rubric.RosterListing;
import io.kaohe.support.clients.RubricApi;
import io.kaohe.support.problems.ProblemException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The roster as rubric-service has it now, asked for with the service's own token each time a table is
 * built (the office may have reordered it). While rubric-service cannot answer, the last roster this
 * instance read serves; with none, the table cannot be printed in the office's order and the caller
 * is told to try again (503).
 */
@Component
class RubricServiceRoster implements RosterSource {

    private static final Logger log = LoggerFactory.getLogger(RubricServiceRoster.class);

    private final RubricApi rubric;
    private final AtomicReference<RosterOrder> lastRead = new AtomicReference<>();

    RubricServiceRoster(RubricApi rubric) {
        this.rubric = rubric;
    }

    @Override
    public RosterOrder roster() {
        try {
            RosterListing listing = rubric.roster();
            if (listing != null) {
                RosterOrder order = RosterOrder.of(listing);
                lastRead.set(order);
                return order;
            }
        } catch (RuntimeException e) {
            log.warn("the roster is unavailable from rubric-service: {}", e.toString());
        }
        RosterOrder last = lastRead.get();
        if (last == null) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "scoring.roster.unavailable");
        }
        return last;
    }
}
