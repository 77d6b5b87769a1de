package io.kaohe.scoring.publication;

import io.kaohe.support.problems.Faults;
import io.kaohe.support.problems.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The 通报 of a cycle: previewed by the office before publishing, downloaded as .docx, .pdf or .ofd
 * once published (office and leaders, and the units, who learn their grades from it). Roles are
 * checked in the security configuration; before publication every caller gets 404.
 */
@RestController
@Tag(name = "notice", description = "通报（Word、PDF、OFD）/ the publication notice")
class NoticeController {

    private final Notices notices;
    private final MessageSource messages;

    NoticeController(Notices notices, MessageSource messages) {
        this.notices = notices;
        this.messages = messages;
    }

    /** The published notice's fields and grade lists, for showing it; the documents carry the table too. */
    record NoticeView(String cycleId, String title, String issuingBody, String documentNumber, LocalDate issuedOn,
                      List<String> paragraphs, List<Notice.GradeList> grades, List<String> formats) {
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/notice")
    @Operation(summary = "The published notice (通报): title, issuing body, number, date, text and grade lists")
    NoticeView notice(@PathVariable String cycleId) {
        Notice n = notices.published(cycleId);
        return new NoticeView(n.cycleId(), n.title(), n.issuingBody(), n.documentNumber(), n.issuedOn(),
                n.paragraphs(), n.grades(), List.of("docx", "pdf", "ofd"));
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/notice.{format}")
    @Operation(summary = "The published notice (通报) with the results table attached, as .docx, .pdf or .ofd")
    ResponseEntity<byte[]> document(@PathVariable String cycleId, @PathVariable String format) {
        NoticeFormat f = NoticeFormat.of(format)
                .orElseThrow(() -> ProblemException.notFound("scoring.notice.format-unknown", format));
        Notice notice = notices.published(cycleId);
        return answer(notice, f, notices.document(notice, f), false);
    }

    @PostMapping("/api/scoring/cycles/{cycleId}/notice/preview")
    @Operation(summary = "The notice as it would be published with these fields (office): format docx, pdf or ofd")
    ResponseEntity<byte[]> preview(@PathVariable String cycleId,
                                   @RequestParam(defaultValue = "pdf") String format,
                                   @RequestBody(required = false) NoticeDraft draft) {
        NoticeFormat f = NoticeFormat.of(format).orElse(null);
        if (f == null) {
            new Faults(messages).add("format", "scoring.notice.format-unknown", format)
                    .throwIfAny("scoring.notice.invalid");
        }
        Notice notice = notices.preview(cycleId, draft);
        return answer(notice, f, notices.document(notice, f), true);
    }

    private static ResponseEntity<byte[]> answer(Notice notice, NoticeFormat format, byte[] body, boolean preview) {
        String name = notice.title().replaceAll("[\\\\/:*?\"<>|]", "_") + (preview ? "（预览）" : "") + "."
                + format.extension;
        ContentDisposition disposition = (preview ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(name, StandardCharsets.UTF_8).build();
        return ResponseEntity.ok().contentType(format.mediaType)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString()).body(body);
    }
}
