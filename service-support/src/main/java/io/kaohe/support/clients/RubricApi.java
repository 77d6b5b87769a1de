package io.kaohe.support.clients;

import io.kaohe.contracts.rubric.RosterListing;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.UnitItems;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/** rubric-service's read API for published versions, as the other services use it. */
public class RubricApi {

    private final RestClient rubric;

    public RubricApi(RestClient rubric) {
        this.rubric = rubric;
    }

    /** The whole tree of a published version. */
    public RubricSnapshot snapshot(String versionId) {
        return rubric.get().uri("/api/rubric/versions/{id}/snapshot", versionId).retrieve().body(RubricSnapshot.class);
    }

    /** The items one unit is assessed on in a published version. */
    public UnitItems unitItems(String versionId, String unitCode) {
        return rubric.get().uri("/api/rubric/versions/{id}/units/{unit}/items", versionId, unitCode)
                .retrieve().body(UnitItems.class);
    }

    /** The roster (categories, departments, units), each in the office's order. */
    public RosterListing roster() {
        return rubric.get().uri("/api/rubric/roster").retrieve().body(RosterListing.class);
    }

    /** A unit of the roster as rubric-service lists it (fields it may add later are ignored: see ServiceClientsConfiguration). */
    public record RosterUnit(String code, String name, String category, String parent, Boolean active) {

        public boolean isActive() {
            return active == null || active;
        }
    }

    /** A saved unit list of the roster. */
    public record UnitList(String code, String name, List<String> units) {
    }

    /** Every unit of the roster, active or not, in the office's order. */
    public List<RosterUnit> rosterUnits() {
        RosterUnit[] units = rubric.get().uri("/api/rubric/roster/units").retrieve().body(RosterUnit[].class);
        return units == null ? List.of() : Arrays.asList(units);
    }

    /** The roster's active units a version assesses (its categories' units, or the units with targets). */
    public List<RosterUnit> assessedUnits(String versionId) {
        RosterUnit[] units = rubric.get().uri("/api/rubric/versions/{id}/units", versionId).retrieve()
                .body(RosterUnit[].class);
        return units == null ? List.of() : Arrays.asList(units);
    }

    /** A saved unit list; empty when the roster has none of that code. */
    public Optional<UnitList> unitList(String code) {
        try {
            return Optional.ofNullable(rubric.get().uri("/api/rubric/roster/lists/{code}", code).retrieve()
                    .body(UnitList.class));
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        }
    }
}
