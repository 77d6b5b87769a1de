package io.kaohe.evidence.files;

import io.kaohe.support.audit.Audited;
import io.kaohe.support.problems.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Evidence files over HTTP. Uploads are the raw request body (any Content-Type but forms; the
 * type is decided from the bytes), with the file's description in query parameters: the body is
 * read as a stream straight into the store, never parsed as multipart nor buffered whole.
 */
@RestController
@Tag(name = "evidence files", description = "佐证材料: upload, versions, withdrawal, download, search")
class EvidenceFilesController {

    private final Uploads uploads;
    private final Withdrawals withdrawals;
    private final EvidenceQueries queries;

    EvidenceFilesController(Uploads uploads, Withdrawals withdrawals, EvidenceQueries queries) {
        this.uploads = uploads;
        this.withdrawals = withdrawals;
        this.queries = queries;
    }

    @PostMapping(path = "/api/evidence/units/{unitCode}/files", consumes = "!application/x-www-form-urlencoded")
    @Operation(summary = "Upload an evidence file (raw body, streamed)",
            description = "The body is the file's bytes. Its type is decided from the content (PDF, OFD, Word, Excel, "
                    + "PowerPoint, JPEG, PNG, plain text). 413 over the size limit or the unit's quota, 415 for any "
                    + "other or disguised type, 400 for a bad name or description; nothing is stored then. The unit's "
                    + "reporter and head upload, and so does an inspector for a unit it inspects (on-site photos).",
            requestBody = @RequestBody(content = @Content(mediaType = "application/octet-stream",
                    schema = @Schema(type = "string", format = "binary"))),
            responses = @ApiResponse(responseCode = "201", description = "stored (or found already stored)"))
    ResponseEntity<EvidenceViews.Uploaded> upload(
            @PathVariable String unitCode,
            @Parameter(description = "the cycle the evidence belongs to") @RequestParam(required = false) String cycleId,
            @Parameter(description = "Q1…Q4 or YEAR; none for the whole cycle") @RequestParam(required = false) String period,
            @Parameter(description = "an item the file supports; repeat for several") @RequestParam(name = "item", required = false) List<String> items,
            @Parameter(description = "the original file name (kept as metadata only)") @RequestParam(required = false) String name,
            @Parameter(description = "when the thing the file proves happened, yyyy-MM-dd") @RequestParam(required = false) String evidenceDate,
            @Parameter(description = "when the file stops being valid evidence, yyyy-MM-dd") @RequestParam(required = false) String expiresOn,
            HttpServletRequest request) throws IOException {
        refuseMultipart(request);
        try (InputStream body = request.getInputStream()) {
            EvidenceViews.Uploaded uploaded = uploads.upload(unitCode,
                    new Description(cycleId, period, items, name, evidenceDate, expiresOn), body,
                    request.getContentLengthLong());
            return ResponseEntity.created(URI.create("/api/evidence/files/" + uploaded.evidence().evidenceId()))
                    .body(uploaded);
        }
    }

    @PostMapping(path = "/api/evidence/files/{evidenceId}/versions", consumes = "!application/x-www-form-urlencoded")
    @Operation(summary = "Replace an evidence file by a new version (raw body, streamed)",
            description = "Earlier versions stay as they are. Description parameters left out are taken over from the "
                    + "current version.",
            requestBody = @RequestBody(content = @Content(mediaType = "application/octet-stream",
                    schema = @Schema(type = "string", format = "binary"))))
    ResponseEntity<EvidenceViews.Uploaded> replace(
            @PathVariable UUID evidenceId,
            @RequestParam(name = "item", required = false) List<String> items,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String evidenceDate,
            @RequestParam(required = false) String expiresOn,
            HttpServletRequest request) throws IOException {
        refuseMultipart(request);
        try (InputStream body = request.getInputStream()) {
            EvidenceViews.Uploaded uploaded = uploads.replace(evidenceId,
                    new Description(null, null, items, name, evidenceDate, expiresOn), body,
                    request.getContentLengthLong());
            return ResponseEntity.status(HttpStatus.CREATED).body(uploaded);
        }
    }

    @PostMapping(path = "/api/evidence/files/{evidenceId}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Withdraw an evidence file", description = "Recorded with the reason; the bytes are kept for audit.")
    EvidenceViews.EvidenceFile withdraw(@PathVariable UUID evidenceId,
                                        @Valid @org.springframework.web.bind.annotation.RequestBody
                                        EvidenceViews.WithdrawalRequest request) {
        return withdrawals.withdraw(evidenceId, request.reason());
    }

    @GetMapping("/api/evidence/files/{evidenceId}")
    @Operation(summary = "An evidence file with all its versions")
    EvidenceViews.EvidenceFile get(@PathVariable UUID evidenceId) {
        return queries.get(evidenceId);
    }

    @GetMapping("/api/evidence/files/{evidenceId}/content")
    @Audited(action = "download", object = "evidence")
    @Operation(summary = "Download the current version", description = "Content-Disposition carries the original "
            + "name in RFC 5987 form (filename*=UTF-8''…).")
    void downloadCurrent(@PathVariable UUID evidenceId, HttpServletResponse response) throws IOException {
        queries.download(evidenceId, null, response);
    }

    @GetMapping("/api/evidence/files/{evidenceId}/versions/{version}/content")
    @Audited(action = "download", object = "evidence")
    @Operation(summary = "Download one version")
    void download(@PathVariable UUID evidenceId, @PathVariable int version, HttpServletResponse response)
            throws IOException {
        queries.download(evidenceId, version, response);
    }

    @GetMapping("/api/evidence/units/{unitCode}/files")
    @Operation(summary = "A unit's evidence files, found by cycle, period, item and words",
            description = "Words (separated by spaces) must all occur in the file's text or name; Chinese is matched "
                    + "as written.")
    List<EvidenceViews.Found> search(@PathVariable String unitCode,
                                     @RequestParam(required = false) String cycleId,
                                     @RequestParam(required = false) String period,
                                     @RequestParam(required = false) String itemCode,
                                     @RequestParam(name = "q", required = false) String words,
                                     @RequestParam(defaultValue = "false") boolean withdrawn) {
        return queries.search(unitCode, cycleId, period, itemCode, words, withdrawn);
    }

    private static void refuseMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        if (type != null && type.toLowerCase().startsWith("multipart/")) {
            throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "evidence.upload.raw-body-only");
        }
    }
}
