package io.kaohe.rubric.importing;

import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "名册导入导出 / roster workbook",
     description = "The roster as .xlsx (sheets 单位类别, 考核单位, 单位, 联系人): a template, the export, and an import "
             + "that is checked whole, previewed as a difference, and applied only with the preview's token.")
class RosterWorkbookController {

    private final RosterImports imports;

    RosterWorkbookController(RosterImports imports) {
        this.imports = imports;
    }

    @GetMapping("/api/rubric/roster/template")
    @Operation(summary = "The empty roster workbook: headers, one 示例 row per sheet (never imported), drop-down lists (office)")
    void template(HttpServletResponse response) throws IOException {
        attachment(response, "名册模板.xlsx");
        RosterWorkbookWriter.template(response.getOutputStream());
    }

    @GetMapping("/api/rubric/roster/export")
    @Operation(summary = "The roster as it is, in the template's layout (office; it holds contacts)",
               description = "Active units and departments in the office's order, every category, the contacts of those "
                       + "units and departments. Export → edit → import changes only what was edited. ETag: the roster's "
                       + "fingerprint.")
    void export(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.ETAG, "\"" + imports.fingerprint() + "\"");
        attachment(response, "名册.xlsx");
        imports.export(response.getOutputStream());
    }

    @PostMapping(value = "/api/rubric/roster/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Read and check a roster workbook; answer the difference it makes, with a token (office)",
               description = "Nothing in the roster changes. 400 lists every fault located as sheet!R<row>:C<column> "
                       + "(the first 200, then how many more); 413 for a file over the import limit. A sheet left out "
                       + "leaves that part of the roster as it is; units and departments a present sheet no longer lists "
                       + "are deactivated. Apply with POST /api/rubric/roster/imports/{token}.")
    ResponseEntity<RosterImports.Preview> preview(@RequestPart("file") MultipartFile file) {
        RosterImports.Preview preview = imports.preview(file, CurrentUser.get().username());
        return ResponseEntity.created(URI.create("/api/rubric/roster/imports/" + preview.token()))
                .eTag("\"" + preview.fingerprint() + "\"").body(preview);
    }

    @GetMapping("/api/rubric/roster/imports/{token}")
    @Operation(summary = "A preview again (office)")
    RosterImports.Preview find(@PathVariable UUID token) {
        return imports.find(token).orElseThrow(() -> ProblemException.notFound("rubric.roster.import.not-found", token));
    }

    @PostMapping("/api/rubric/roster/imports/{token}")
    @Operation(summary = "Apply exactly what the preview showed, in one transaction (office)",
               description = "409 when it was applied already, is older than 24 hours, or the roster changed since the "
                       + "preview (then upload the file again). Every change is recorded in the roster history and "
                       + "announced as RosterChanged.")
    ResponseEntity<RosterImports.Applied> apply(@PathVariable UUID token) {
        RosterImports.Applied applied = imports.apply(token, CurrentUser.get().username());
        return ResponseEntity.ok().eTag("\"" + applied.fingerprint() + "\"").body(applied);
    }

    private static void attachment(HttpServletResponse response, String filename) {
        response.setContentType(ImportController.XLSX.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(filename, StandardCharsets.UTF_8).build().toString());
    }
}
