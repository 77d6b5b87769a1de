package io.kaohe.scoring.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.contracts.rubric.RosterListing;
import io.kaohe.support.clients.RubricApi;
import io.kaohe.support.problems.ProblemException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/** The roster's order and names as rubric-service answers, and what happens while it cannot. */
class RubricServiceRosterTest {

    private final AtomicReference<RosterListing> answer = new AtomicReference<>();
    private final RubricApi rubric = new RubricApi(RestClient.create()) {
        @Override
        public RosterListing roster() {
            RosterListing listing = answer.get();
            if (listing == null) {
                throw new ResourceAccessException("rubric-service is down");
            }
            return listing;
        }
    };
    private final RubricServiceRoster roster = new RubricServiceRoster(rubric);

    @Test
    void namesCategoriesAndOrdersUnitsAsTheRosterDoes() {
        answer.set(new RosterListing(List.of(new RosterListing.Category("town", "乡镇（街道）")), List.of(),
                List.of(new RosterListing.Unit("t2", "牛田镇", "town", null), new RosterListing.Unit("t1", "城关镇", "town", null))));
        RosterOrder order = roster.roster();
        assertThat(order.categoryName("town")).isEqualTo("乡镇（街道）");
        assertThat(order.categoryName("dept")).isEqualTo("dept");
        assertThat(order.unitPositions()).containsEntry("t2", 0).containsEntry("t1", 1);

        // rubric-service down: the last roster read serves.
        answer.set(null);
        assertThat(roster.roster()).isEqualTo(order);
    }

    @Test
    void withNoRosterEverReadTheCallerIsToldToTryLater() {
        assertThatThrownBy(roster::roster).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(e.code()).isEqualTo("scoring.roster.unavailable");
        });
    }
}
