package io.kaohe.contracts.rubric;

import java.util.List;

/**
 * The roster as rubric-service serves it ({@code GET /api/rubric/roster}): unit categories, assessing
 * departments and assessed units, each list in the office's own order (the order results tables and
 * notices print them in). Readers ignore what rubric-service adds later (e.g. {@code active}, {@code notes}):
 * the services' client reads answers that way (ServiceClientsConfiguration).
 */
public record RosterListing(List<Category> categories, List<Department> departments, List<Unit> units) {

    public RosterListing {
        categories = categories == null ? List.of() : List.copyOf(categories);
        departments = departments == null ? List.of() : List.copyOf(departments);
        units = units == null ? List.of() : List.copyOf(units);
    }

    /** A unit category (乡镇/街道, 县级部门 …). */
        public record Category(String code, String name) {
    }

    /** An assessing department (考核单位). */
        public record Department(String code, String name) {
    }

    /** An assessed unit (被考核单位), its category code and the body it belongs to, if any. */
        public record Unit(String code, String name, String category, String parent) {
    }
}
