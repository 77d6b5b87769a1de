package io.kaohe.scoring.cycles;

import java.time.Instant;

/** The office's publication (通报) of a cycle's results: the notice, who published it, when. */
public record CyclePublication(String noticeTitle, String publishedBy, Instant publishedAt) {
}
