package io.kaohe.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The office published (通报) a cycle's approved results: the results table of the approved
 * proposal is now the official one. Rectification for weak grades follows. The notice's own
 * fields (issuing body, document number, date, body) are what the office wrote in the
 * publication form; scoring prints them in the 通报 document. Events from before these fields
 * existed carry none of them.
 *
 * @param proposalId     the approved proposal whose grades were published
 * @param noticeTitle    the title of the notice (通报) as the office wrote it
 * @param issuingBody    发文机关, e.g. "中共洛阳市委党的建设工作领导小组"; null if not given
 * @param documentNumber 文号, e.g. "洛党建〔2018〕4号"; null if not given
 * @param issuedOn       成文日期 printed under the signature; null means the day of publication
 * @param body           the notice's text as the office wrote it, paragraphs separated by line breaks; null if
 *                       not given
 */
public record CyclePublished(
        String cycleId,
        String proposalId,
        String noticeTitle,
        int unitCount,
        String publishedBy,
        Instant publishedAt,
        String issuingBody,
        String documentNumber,
        LocalDate issuedOn,
        String body) {

    /** A publication with only a title (as before the notice's fields were added). */
    public CyclePublished(String cycleId, String proposalId, String noticeTitle, int unitCount, String publishedBy,
                          Instant publishedAt) {
        this(cycleId, proposalId, noticeTitle, unitCount, publishedBy, publishedAt, null, null, null, null);
    }

    public static final EventType<CyclePublished> TYPE =
            new EventType<>("CyclePublished", CyclePublished.class, Topics.WORKFLOW);
}
