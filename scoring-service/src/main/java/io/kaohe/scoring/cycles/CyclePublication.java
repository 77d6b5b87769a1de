package io.kaohe.scoring.cycles;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The office's publication (通报) of a cycle's results: the notice as the office wrote it, who
 * published it, when. The notice's fields other than the title are null for a publication made
 * before they existed, or left empty by the office.
 *
 * @param issuedOn the date printed under the signature (成文日期)
 */
public record CyclePublication(String noticeTitle, String publishedBy, Instant publishedAt, String issuingBody,
                               String documentNumber, LocalDate issuedOn, String body) {
}
