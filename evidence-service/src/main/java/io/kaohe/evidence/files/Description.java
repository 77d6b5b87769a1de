package io.kaohe.evidence.files;

import java.time.LocalDate;
import java.util.List;

/**
 * What the uploader says about a file, as given (query parameters); {@link DescriptionCheck} checks it
 * into a {@link Checked} one.
 */
record Description(String cycleId, String period, List<String> itemCodes, String fileName, String evidenceDate,
                   String expiresOn) {

    /** A description checked against the unit's cycle and items: dates parsed, items distinct, no blank period. */
    record Checked(String cycleId, String period, List<String> itemCodes, String fileName, LocalDate evidenceDate,
                   LocalDate expiresOn) {
    }
}
