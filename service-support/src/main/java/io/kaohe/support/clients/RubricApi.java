package io.kaohe.support.clients;

import io.kaohe.contracts.rubric.RosterListing;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.UnitItems;
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
}
