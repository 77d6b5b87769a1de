package io.kaohe.notification.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.TaskCreated;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** A person sees and marks only their own groups' notifications; the delivery log is the office's. */
class AccessIT extends NotificationITBase {

    @Test
    void aUnitSeesOnlyItsOwnNotificationsAndAnothersIsNotFoundAndAudited() {
        EventEnvelope<TaskCreated> sjw = taskCreated(marker(), "bz-sjw", List.of("unit-reporter:bz-sjw"));
        awaitDelivery(sjw.id(), "reporter.sjw", "IN_APP", "SENT");

        JsonNode zjfy = call(HttpMethod.GET, "/api/notifications?size=200", "reporter.zjfy", null).getBody();
        assertThat(zjfy.get("items")).noneMatch(n -> n.get("id").asText().equals(sjw.id()));

        var refused = call(HttpMethod.POST, "/api/notifications/" + sjw.id() + "/read", "reporter.zjfy", null);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(refused.getBody().get("code").asText()).isEqualTo("notification.not-found");
        String refusedPath = "/api/notifications/" + sjw.id() + "/read";
        assertThat(io.kaohe.testsupport.AuditRecords.matching(dataSource, r -> "REFUSED".equals(r.path("outcome").asText())
                && "reporter.zjfy".equals(r.path("username").asText()) && r.path("status").asInt() == 404
                && refusedPath.equals(r.path("path").asText()))).hasSize(1);
        assertThat(call(HttpMethod.POST, "/api/notifications/no-such-event/read", "reporter.zjfy", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        long unread = unread("reporter.sjw");
        assertThat(call(HttpMethod.POST, "/api/notifications/" + sjw.id() + "/read", "reporter.sjw", null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(unread("reporter.sjw")).isEqualTo(unread - 1);
        JsonNode mine = ConsumptionIT.find(call(HttpMethod.GET, "/api/notifications?size=200", "reporter.sjw", null)
                .getBody(), sjw.id());
        assertThat(mine.get("read").asBoolean()).isTrue();
        JsonNode unreadOnly = call(HttpMethod.GET, "/api/notifications?unread=true&size=200", "reporter.sjw", null).getBody();
        assertThat(unreadOnly.get("items")).noneMatch(n -> n.get("id").asText().equals(sjw.id()));
        assertThat(unreadOnly.get("unread").asLong()).isEqualTo(unread - 1);
    }

    @Test
    void markingAllReadEmptiesTheBell() {
        EventEnvelope<TaskCreated> created = taskCreated(marker(), "bz-sjw", List.of("unit-head:bz-sjw"));
        awaitDelivery(created.id(), "head.sjw", "IN_APP", "SENT");
        assertThat(unread("head.sjw")).isPositive();
        JsonNode marked = call(HttpMethod.POST, "/api/notifications/read-all", "head.sjw", null).getBody();
        assertThat(marked.get("marked").asInt()).isPositive();
        assertThat(unread("head.sjw")).isZero();
    }

    @Test
    void theDeliveryLogIsTheOfficesAndShowsWhatWasRead() {
        EventEnvelope<TaskCreated> created = taskCreated(marker(), "bz-zjfy", List.of("unit-head:bz-zjfy"));
        awaitDelivery(created.id(), "head.zjfy", "EMAIL", "SENT");
        var refused = call(HttpMethod.GET, "/api/notifications/deliveries", "reporter.sjw", null);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        call(HttpMethod.POST, "/api/notifications/" + created.id() + "/read", "head.zjfy", null);

        JsonNode log = call(HttpMethod.GET, "/api/notifications/deliveries?eventId=" + created.id(), "office", null).getBody();
        assertThat(log.get("items")).extracting(e -> e.get("channel").asText()).containsExactlyInAnyOrder("IN_APP", "EMAIL");
        assertThat(log.get("items")).allSatisfy(e -> {
            assertThat(e.get("username").asText()).isEqualTo("head.zjfy");
            assertThat(e.get("state").asText()).isEqualTo("SENT");
            assertThat(e.get("readAt").isNull()).isFalse();
        });
        assertThat(log.get("byState").get("SENT").asLong()).isPositive();
    }
}
