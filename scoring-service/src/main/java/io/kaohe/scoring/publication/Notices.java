package io.kaohe.scoring.publication;

import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CyclePublication;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.scoring.grades.Grades;
import io.kaohe.scoring.grades.GradingScheme;
import io.kaohe.scoring.results.Results;
import io.kaohe.scoring.results.ResultsTable;
import io.kaohe.support.problems.Faults;
import io.kaohe.support.problems.ProblemException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The 通报 of a cycle from its results: the one the office published (as workflow's CyclePublished
 * carried it), or a draft to preview before publishing; and its documents in each format.
 */
@Service
class Notices {

    private final Cycles cycles;
    private final Results results;
    private final Grades grades;
    private final NoticeFont font;
    private final MessageSource messages;

    Notices(Cycles cycles, Results results, Grades grades, NoticeFont font, MessageSource messages) {
        this.cycles = cycles;
        this.results = results;
        this.grades = grades;
        this.font = font;
        this.messages = messages;
    }

    /** The published notice; 404 while the office has not published the cycle's results. */
    Notice published(String cycleId) {
        Cycle cycle = cycles.get(cycleId);
        CyclePublication p = cycles.publication(cycleId)
                .orElseThrow(() -> ProblemException.notFound("scoring.notice.not-published", cycleId));
        LocalDate issuedOn = p.issuedOn() != null ? p.issuedOn()
                : p.publishedAt().atZone(CycleOpened.Clock.ZONE).toLocalDate();
        return notice(cycle, p.noticeTitle(), p.issuingBody(), p.documentNumber(), issuedOn, p.body(), false);
    }

    /** The notice as it would be published with these fields; faults located at the draft's fields. */
    Notice preview(String cycleId, NoticeDraft draft) {
        Cycle cycle = cycles.get(cycleId);
        Faults faults = new Faults(messages);
        if (draft == null) {
            draft = new NoticeDraft(null, null, null, null, null);
        }
        if (blank(draft.noticeTitle())) {
            faults.add("noticeTitle", "scoring.notice.title-required");
        }
        tooLong(faults, "noticeTitle", draft.noticeTitle(), NoticeDraft.TITLE_MAX);
        tooLong(faults, "issuingBody", draft.issuingBody(), NoticeDraft.ISSUING_BODY_MAX);
        tooLong(faults, "documentNumber", draft.documentNumber(), NoticeDraft.NUMBER_MAX);
        tooLong(faults, "body", draft.body(), NoticeDraft.BODY_MAX);
        LocalDate issuedOn = LocalDate.now(CycleOpened.Clock.ZONE);
        if (!blank(draft.issuedOn())) {
            try {
                issuedOn = LocalDate.parse(draft.issuedOn().strip());
            } catch (DateTimeParseException e) {
                faults.add("issuedOn", "scoring.notice.date-invalid", draft.issuedOn());
            }
        }
        faults.throwIfAny("scoring.notice.invalid");
        return notice(cycle, draft.noticeTitle(), draft.issuingBody(), draft.documentNumber(), issuedOn, draft.body(),
                true);
    }

    /** The notice's document in one format. */
    byte[] document(Notice notice, NoticeFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format == NoticeFormat.DOCX) {
                NoticeDocx.write(notice, out);
            } else {
                try (NoticeFont.Opened face = font.open()) {
                    if (format == NoticeFormat.PDF) {
                        NoticePdf.write(notice, face, out);
                    } else {
                        NoticeOfd.write(notice, face, out);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the notice of cycle " + notice.cycleId() + " failed", e);
        }
        return out.toByteArray();
    }

    private Notice notice(Cycle cycle, String title, String issuingBody, String documentNumber, LocalDate issuedOn,
                          String body, boolean draft) {
        ResultsTable table = results.table(cycle.cycleId());
        String heading = blank(title) ? "关于" + cycle.title() + "考核结果的通报" : oneLine(title);
        List<String> paragraphs = blank(body) ? List.of("现将" + cycle.title() + "考核结果通报如下。")
                : Arrays.stream(body.split("\\R")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        return new Notice(cycle.cycleId(), cycle.title(), heading, blank(issuingBody) ? null : oneLine(issuingBody),
                blank(documentNumber) ? null : oneLine(documentNumber), issuedOn, paragraphs,
                gradeLists(cycle.cycleId(), table), table, draft);
    }

    /** Each grade of the scheme, best first, with its units in the roster's order; grades no unit has are left out. */
    private List<Notice.GradeList> gradeLists(String cycleId, ResultsTable table) {
        Map<String, List<String>> byGrade = new LinkedHashMap<>();
        GradingScheme scheme = grades.scheme(cycleId);
        scheme.bands().forEach(b -> byGrade.put(b.grade(), new ArrayList<>()));
        for (ResultsTable.Row row : table.rows()) {
            if (row.grade() != null) {
                byGrade.computeIfAbsent(row.grade(), g -> new ArrayList<>()).add(row.unitName());
            }
        }
        List<Notice.GradeList> lists = new ArrayList<>();
        byGrade.forEach((grade, units) -> {
            if (!units.isEmpty()) {
                lists.add(new Notice.GradeList(grade, List.copyOf(units)));
            }
        });
        return lists;
    }

    private static void tooLong(Faults faults, String field, String value, int max) {
        if (value != null && value.length() > max) {
            faults.add(field, "scoring.notice.too-long", max, value.length());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String oneLine(String value) {
        return value.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
