package io.kaohe.contracts.events;

import java.time.Instant;

/**
 * The office changed the roster: a unit category, an assessing department (考核单位) or a unit
 * (被考核单位) was created, updated or deleted. Carries the entry as it now is (for a deletion, as
 * it was). Published by rubric-service on {@link Topics#RUBRIC}.
 *
 * @param kind     {@code CATEGORY}, {@code DEPARTMENT} or {@code UNIT}
 * @param action   {@code CREATED}, {@code UPDATED} or {@code DELETED}
 * @param category for a unit, its category code
 * @param parent   for a unit, the code of the body it belongs to, if any
 */
public record RosterChanged(
        String kind,
        String code,
        String action,
        String name,
        String category,
        String parent,
        String changedBy,
        Instant changedAt) {

    public static final EventType<RosterChanged> TYPE =
            new EventType<>("RosterChanged", RosterChanged.class, Topics.RUBRIC);
}
