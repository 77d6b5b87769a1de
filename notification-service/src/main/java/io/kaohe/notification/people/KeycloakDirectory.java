package io.kaohe.notification.people;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.RestClient;

/**
 * The realm's people from Keycloak's admin REST API, read with a service account that holds only
 * realm-management's {@code view-users}: the enabled users (page by page) and each one's effective
 * realm roles. Kept for a short while ({@code cache-for}) and read again after it; each replica keeps
 * its own copy, nothing depends on it surviving.
 */
class KeycloakDirectory implements Directory {

    private static final Logger log = LoggerFactory.getLogger(KeycloakDirectory.class);
    private static final int PAGE = 200;
    private static final Duration REREAD_ON_MISS = Duration.ofSeconds(5);

    private final RestClient admin;
    private final Duration cacheFor;
    private final Clock clock;
    private volatile Snapshot snapshot;

    KeycloakDirectory(RestClient admin, Duration cacheFor, Clock clock) {
        this.admin = admin;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    private record Snapshot(List<Person> people, Instant readAt) {
    }

    @Override
    public List<Person> members(String audience) {
        List<Person> members = people(cacheFor).stream().filter(p -> p.in(audience)).toList();
        if (members.isEmpty()) {
            // Nobody in the copy: the person may be newer than it (an account just made from the roster) or
            // the copy was read while Keycloak was still settling. Read again rather than tell nobody,
            // at most every few seconds so an audience that is really empty costs little.
            members = people(REREAD_ON_MISS).stream().filter(p -> p.in(audience)).toList();
        }
        return members;
    }

    private List<Person> people(Duration maxAge) {
        Snapshot current = snapshot;
        if (current == null || current.readAt().plus(maxAge).isBefore(clock.instant())) {
            synchronized (this) {
                current = snapshot;
                if (current == null || current.readAt().plus(maxAge).isBefore(clock.instant())) {
                    current = new Snapshot(read(), clock.instant());
                    snapshot = current;
                }
            }
        }
        return current.people();
    }

    private List<Person> read() {
        List<Person> people = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            JsonNode users = admin.get().uri("/users?briefRepresentation=false&enabled=true&first={first}&max={max}",
                    first, PAGE).retrieve().body(JsonNode.class);
            if (users == null || !users.isArray() || users.isEmpty()) {
                break;
            }
            for (JsonNode user : users) {
                if (!user.path("enabled").asBoolean(true) || user.path("username").asText().startsWith("service-account-")) {
                    continue;
                }
                people.add(person(user));
            }
            if (users.size() < PAGE) {
                break;
            }
        }
        log.info("directory: {} people read from Keycloak", people.size());
        return people;
    }

    private Person person(JsonNode user) {
        Set<String> roles = new HashSet<>();
        JsonNode mappings = admin.get().uri("/users/{id}/role-mappings/realm/composite", user.path("id").asText())
                .retrieve().body(JsonNode.class);
        if (mappings != null) {
            mappings.forEach(role -> roles.add(role.path("name").asText()));
        }
        JsonNode attributes = user.path("attributes");
        Set<String> inspected = new HashSet<>();
        attributes.path("inspection_units").forEach(u -> inspected.add(u.asText()));
        String email = user.path("email").asText(null);
        return new Person(user.path("username").asText(), email == null || email.isBlank() ? null : email,
                Set.copyOf(roles), first(attributes, "unit"), first(attributes, "department"), Set.copyOf(inspected));
    }

    private static String first(JsonNode attributes, String name) {
        JsonNode values = attributes.path(name);
        return values.isArray() && !values.isEmpty() ? values.get(0).asText() : null;
    }
}
