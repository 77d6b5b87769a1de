package io.kaohe.scoring.roster;

/**
 * Where the roster's order and category names come from: rubric-service in production
 * ({@link RubricServiceRoster}); tests may supply a fixed roster built in the test.
 */
public interface RosterSource {

    /** The roster now; fails (a problem detail) if it cannot be had. */
    RosterOrder roster();
}
