package io.kaohe.contracts.events;

import java.time.Instant;

/**
 * The office published (通报) a cycle's approved results: the results table of the approved
 * proposal is now the official one. Rectification for weak grades follows.
 *
 * @param proposalId  the approved proposal whose grades were published
 * @param noticeTitle the title of the notice (通报) as the office wrote it
 */
public record CyclePublished(
        String cycleId,
        String proposalId,
        String noticeTitle,
        int unitCount,
        String publishedBy,
        Instant publishedAt) {

    public static final EventType<CyclePublished> TYPE =
            new EventType<>("CyclePublished", CyclePublished.class, Topics.WORKFLOW);
}
