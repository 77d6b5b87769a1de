package io.kaohe.workflow.adapters;

import io.kaohe.support.clients.RubricApi;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.workflow.cycles.CycleRoster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The roster from rubric-service's read API (service token). One error policy: rubric-service
 * unreachable or failing → 503 (a passing fault, try again); a version it does not know → empty
 * (a permanent fault of the request, reported where it is).
 */
@Component
class RubricCycleRoster implements CycleRoster {

    private static final Logger log = LoggerFactory.getLogger(RubricCycleRoster.class);

    private final RubricApi rubric;

    RubricCycleRoster(RubricApi rubric) {
        this.rubric = rubric;
    }

    @Override
    public List<RosterUnit> units() {
        return call(() -> rubric.rosterUnits().stream().map(RubricCycleRoster::unit).toList());
    }

    @Override
    public Optional<List<RosterUnit>> assessedBy(String rubricVersionId) {
        try {
            return Optional.of(call(() -> rubric.assessedUnits(rubricVersionId).stream().map(RubricCycleRoster::unit)
                    .toList()));
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<List<String>> savedList(String code) {
        return call(() -> rubric.unitList(code).map(RubricApi.UnitList::units));
    }

    @Override
    public Map<String, String> departmentNames() {
        try {
            Map<String, String> names = new LinkedHashMap<>();
            rubric.roster().departments().forEach(d -> names.put(d.code(), d.name()));
            return names;
        } catch (RuntimeException e) {
            // A name is a courtesy here: the portal names the department itself when workflow cannot.
            log.warn("rubric-service did not name the departments: {}", e.getMessage());
            return Map.of();
        }
    }

    private static RosterUnit unit(RubricApi.RosterUnit u) {
        return new RosterUnit(u.code(), u.name(), u.category(), u.isActive());
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (HttpClientErrorException.NotFound e) {
            throw e;
        } catch (ResourceAccessException | OAuth2AuthorizationException e) {
            log.warn("rubric-service unreachable while opening a cycle: {}", e.getMessage());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "workflow.rubric.unavailable");
        } catch (RestClientResponseException e) {
            log.warn("rubric-service answered {} while opening a cycle", e.getStatusCode());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "workflow.rubric.unavailable");
        }
    }
}
