package io.kaohe.notification.people;

import java.util.List;

/** Who is in an audience, with their addresses. */
public interface Directory {

    /** The enabled people of an audience ({@code unit-reporter:bz-sjw}, {@code office-admin}, {@code user:NAME}). */
    List<Person> members(String audience);
}
