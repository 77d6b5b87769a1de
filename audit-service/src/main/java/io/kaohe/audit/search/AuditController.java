package io.kaohe.audit.search;

import io.kaohe.audit.search.VerificationRuns.Run;
import io.kaohe.support.audit.Audited;
import io.kaohe.support.problems.Faults;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The auditor's API (audit-admin only; nobody can change the trail through it): search, a record's
 * detail with its place in the chain, verification of the chain and its last result, and .xlsx export.
 */
@RestController
@Tag(name = "audit", description = "审计日志: search, detail, chain verification, export (audit-admin)")
class AuditController {

    static final int MAX_PAGE = 200;
    static final int MAX_EXPORT = 50_000;

    private final AuditSearch search;
    private final VerificationRuns verifications;
    private final ZoneId zone;
    private final MessageSource messages;

    AuditController(AuditSearch search, VerificationRuns verifications, MessageSource messages,
                    @Value("${kaohe.audit.zone:Asia/Shanghai}") String zone) {
        this.search = search;
        this.verifications = verifications;
        this.messages = messages;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/api/audit/records")
    @Audited(action = "search")
    @Operation(summary = "Search the trail, newest first", description = "from/to: ISO instants or dates (the offices' "
            + "calendar day; to is inclusive); user, action, object, text: parts of; role, unit, outcome, category, source: exact.")
    AuditSearch.Page records(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             @RequestParam(required = false) String user, @RequestParam(required = false) String role,
                             @RequestParam(required = false) String unit, @RequestParam(required = false) String action,
                             @RequestParam(required = false) String object, @RequestParam(required = false) String outcome,
                             @RequestParam(required = false) String category,
                             @RequestParam(required = false) String source, @RequestParam(required = false) String text,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw ProblemException.badRequest("audit.page.invalid", MAX_PAGE);
        }
        return search.find(filter(from, to, user, role, unit, action, object, outcome, category, source, text), page, size);
    }

    @GetMapping("/api/audit/records/{seq}")
    @Operation(summary = "One record: every field, its position, the digest it links to, its own, and whether its link checks out")
    RecordView record(@PathVariable long seq) {
        return search.get(seq).orElseThrow(() -> ProblemException.notFound("audit.record.not-found", seq));
    }

    @GetMapping("/api/audit/records.xlsx")
    @Audited(action = "export")
    @Operation(summary = "A search's records as .xlsx (at most 50,000, newest first; the last row says how many more matched)")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String from,
                                                 @RequestParam(required = false) String to,
                                                 @RequestParam(required = false) String user,
                                                 @RequestParam(required = false) String role,
                                                 @RequestParam(required = false) String unit,
                                                 @RequestParam(required = false) String action,
                                                 @RequestParam(required = false) String object,
                                                 @RequestParam(required = false) String outcome,
                                                 @RequestParam(required = false) String category,
                                                 @RequestParam(required = false) String source,
                                                 @RequestParam(required = false) String text) {
        Filter filter = filter(from, to, user, role, unit, action, object, outcome, category, source, text);
        StreamingResponseBody body = out -> {
            try (AuditWorkbook workbook = new AuditWorkbook(zone)) {
                long matched = search.each(filter, MAX_EXPORT, workbook::add);
                workbook.more(matched - Math.min(matched, MAX_EXPORT));
                workbook.write(out);
            }
        };
        String name = "审计日志-" + LocalDate.now(zone) + ".xlsx";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(body);
    }

    @PostMapping("/api/audit/verification")
    @Operation(summary = "Verify the whole chain now; the result is kept and answered",
            description = "intact, the count verified, the positions and head digest, every broken link (first first).")
    Run verify() {
        return verifications.verify(CurrentUser.get().username());
    }

    @GetMapping("/api/audit/verification")
    @Operation(summary = "The last verification's result (204 if the chain was never verified)")
    ResponseEntity<Run> lastVerification() {
        return verifications.latest().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

    private Filter filter(String from, String to, String user, String role, String unit, String action, String object,
                          String outcome, String category, String source, String text) {
        Faults faults = new Faults(messages);
        Filter filter = new Filter(instant(from, "from", false, faults), instant(to, "to", true, faults), user, role,
                unit, action, object, outcome, category, source, text);
        faults.throwIfAny();
        return filter;
    }

    /** An instant, or a date meaning the start of that day (for {@code to}: of the day after) in the offices' zone. */
    private Instant instant(String value, String field, boolean endOfDay, Faults faults) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            faults.add(field, "audit.filter.time-invalid", value);
            return null;
        }
    }
}
