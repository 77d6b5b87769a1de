package io.kaohe.audit.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.audit.chain.ChainAppender;
import io.kaohe.audit.chain.Entry;
import io.kaohe.support.audit.Sm3;
import io.kaohe.support.events.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * Logins, logouts, failed logins and administrators' changes, as Keycloak records them (its events and
 * admin events, switched on in the realm), imported into the chain through Keycloak's admin API with a
 * service account that may only view events. Each kind has a cursor row claimed {@code FOR UPDATE SKIP
 * LOCKED}: on N replicas one imports at a time, the others skip. The last minutes are read again each
 * time (an event can be stored a little after its time); an event already in the chain is not appended twice.
 */
public class KeycloakEvents {

    static final String USER_EVENTS = "keycloak-events";
    static final String ADMIN_EVENTS = "keycloak-admin-events";
    private static final Logger log = LoggerFactory.getLogger(KeycloakEvents.class);
    private static final int PAGE = 200;
    private static final Duration OVERLAP = Duration.ofMinutes(5);

    private final RestClient admin;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ChainAppender chain;

    /** @param admin the realm's admin API ({@code …/admin/realms/kaohe}) with the service account's token */
    public KeycloakEvents(RestClient admin, JdbcTemplate jdbc, TransactionTemplate transaction, ChainAppender chain) {
        this.admin = admin;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.chain = chain;
    }

    /** Imports what is new of both kinds; returns how many entries were appended. */
    public int importNew() {
        return importKind(USER_EVENTS, "/events", this::userEvent)
                + importKind(ADMIN_EVENTS, "/admin-events", this::adminEvent);
    }

    private int importKind(String cursor, String path, java.util.function.Function<JsonNode, Entry> toEntry) {
        Integer appended = transaction.execute(tx -> {
            List<Long> claimed = jdbc.queryForList(
                    "select position from import_cursor where name = ? for update skip locked", Long.class, cursor);
            if (claimed.isEmpty()) {
                return 0;
            }
            long since = Math.max(0, claimed.get(0) - OVERLAP.toMillis());
            List<JsonNode> events = fetch(path, since);
            events.sort(Comparator.comparingLong(e -> e.path("time").asLong()));
            int count = 0;
            long newest = claimed.get(0);
            for (JsonNode event : events) {
                if (chain.append(toEntry.apply(event)).isPresent()) {
                    count++;
                }
                newest = Math.max(newest, event.path("time").asLong());
            }
            jdbc.update("update import_cursor set position = ?, moved_at = now() where name = ?", newest, cursor);
            return count;
        });
        return appended == null ? 0 : appended;
    }

    /** Every event at or after {@code since} (epoch ms), newest first page by page until an older one shows. */
    private List<JsonNode> fetch(String path, long since) {
        String day = LocalDate.ofInstant(Instant.ofEpochMilli(since), ZoneOffset.UTC).toString();
        List<JsonNode> found = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            int from = first;
            JsonNode page = admin.get().uri(uri -> uri.path(path).queryParam("dateFrom", day)
                    .queryParam("first", from).queryParam("max", PAGE).build()).retrieve().body(JsonNode.class);
            if (page == null || !page.isArray() || page.isEmpty()) {
                return found;
            }
            boolean older = false;
            for (JsonNode event : page) {
                if (event.path("time").asLong() >= since) {
                    found.add(event);
                } else {
                    older = true;
                }
            }
            if (older || page.size() < PAGE) {
                return found;
            }
        }
    }

    Entry userEvent(JsonNode e) {
        String type = e.path("type").asText();
        String error = text(e, "error");
        JsonNode details = e.path("details");
        String said = json(EventJson.mapper().createObjectNode()
                .put("clientId", text(e, "clientId")).put("sessionId", text(e, "sessionId"))
                .set("details", details.isMissingNode() ? null : details));
        return new Entry("keycloak:event:" + id(e), "keycloak", "LOGIN", error != null ? "FAILED" : "SUCCESS", null,
                error, text(details, "username"), null, null, null, null, null, null, null, type, "user",
                text(e, "userId"), null, null, null, null, null, said, null, Sm3.hex(said), text(e, "ipAddress"),
                null, null, null, Instant.ofEpochMilli(e.path("time").asLong()));
    }

    Entry adminEvent(JsonNode e) {
        JsonNode auth = e.path("authDetails");
        String error = text(e, "error");
        String representation = text(e, "representation");
        String by = "by user " + text(auth, "userId") + " via client " + text(auth, "clientId");
        return new Entry("keycloak:admin:" + id(e), "keycloak", "ADMIN", error != null ? "FAILED" : "SUCCESS", null,
                error != null ? error + "; " + by : by, text(auth, "username"), null, null, null, null, null, null, null,
                text(e, "operationType"), text(e, "resourceType"), text(e, "resourcePath"), null, null, null, null,
                null, representation != null && representation.length() <= 8000 ? representation : null, null,
                representation != null ? Sm3.hex(representation) : null, text(auth, "ipAddress"), null, null, null,
                Instant.ofEpochMilli(e.path("time").asLong()));
    }

    /** Keycloak's own id; for a version without one, the digest of the event itself. */
    private static String id(JsonNode e) {
        String id = text(e, "id");
        return id != null ? id : Sm3.hex(e.toString());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static String json(JsonNode node) {
        return node.toString();
    }

}
