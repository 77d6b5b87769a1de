package io.kaohe.evidence.files;

import io.kaohe.support.problems.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resumable uploads over HTTP: a session described like a one-request upload, its parts as raw
 * request bodies (streamed into the store, never buffered whole), what the server has, completion
 * and abort. Only the unit's own people reach a session; anyone else is answered 404.
 */
@RestController
@Tag(name = "resumable uploads", description = "佐证材料分段上传：断点续传 / evidence uploaded in parts, resumable")
class UploadSessionsController {

    private final UploadSessions sessions;

    UploadSessionsController(UploadSessions sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/api/evidence/units/{unitCode}/uploads")
    @Operation(summary = "Begin a resumable upload",
            description = "Takes the description of a one-request upload (cycleId, period, item, name, evidenceDate, "
                    + "expiresOn) and the file's size in bytes; refuses what that upload would refuse (400, 404, 413) "
                    + "before any byte is sent.")
    ResponseEntity<UploadSessions.SessionView> create(
            @PathVariable String unitCode,
            @RequestParam(required = false) String cycleId,
            @RequestParam(required = false) String period,
            @RequestParam(name = "item", required = false) List<String> items,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String evidenceDate,
            @RequestParam(required = false) String expiresOn,
            @Parameter(description = "the file's size in bytes") @RequestParam(required = false) Long size) {
        UploadSessions.SessionView view = sessions.create(unitCode,
                new Description(cycleId, period, items, name, evidenceDate, expiresOn), size);
        return ResponseEntity.created(URI.create("/api/evidence/uploads/" + view.uploadId())).body(view);
    }

    @GetMapping("/api/evidence/uploads/{uploadId}")
    @Operation(summary = "What the server has of a resumable upload: the parts received, their sizes and SHA-256")
    UploadSessions.SessionView status(@PathVariable UUID uploadId) {
        return sessions.status(uploadId);
    }

    @PutMapping(path = "/api/evidence/uploads/{uploadId}/parts/{partNumber}",
            consumes = "!application/x-www-form-urlencoded")
    @Operation(summary = "Send part N (raw body, streamed)",
            description = "Parts are numbered from 1; every part but the last has at least 5 MB. Sending a part again "
                    + "replaces it. Content-Length is required. A part cut short is not kept (400).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))))
    UploadSessions.SessionView part(@PathVariable UUID uploadId, @PathVariable int partNumber,
                                    HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase().startsWith("multipart/")) {
            throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "evidence.upload.raw-body-only");
        }
        try (InputStream body = request.getInputStream()) {
            return sessions.part(uploadId, partNumber, body, request.getContentLengthLong());
        }
    }

    @PostMapping("/api/evidence/uploads/{uploadId}/complete")
    @Operation(summary = "Assemble the parts into the evidence file",
            description = "409 while parts are missing (named) or the bytes received differ from the size given. The "
                    + "file is then checked and registered as a one-request upload is (413, 415), in one transaction "
                    + "with the EvidenceAdded event; the session ends either way once assembled.")
    ResponseEntity<EvidenceViews.Uploaded> complete(@PathVariable UUID uploadId) {
        EvidenceViews.Uploaded uploaded = sessions.complete(uploadId);
        return ResponseEntity.created(URI.create("/api/evidence/files/" + uploaded.evidence().evidenceId()))
                .body(uploaded);
    }

    @DeleteMapping("/api/evidence/uploads/{uploadId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Abandon a resumable upload: the parts received are discarded")
    void abort(@PathVariable UUID uploadId) {
        sessions.abort(uploadId);
    }
}
