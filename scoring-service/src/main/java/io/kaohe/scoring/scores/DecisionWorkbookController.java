package io.kaohe.scoring.scores;

import io.kaohe.scoring.workbooks.UploadedWorkbook;
import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "decisions workbook", description = "考核单位的扣分清单与测量值（Excel）批量导入 / a department's decisions from a workbook")
class DecisionWorkbookController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final DecisionWorkbooks workbooks;
    private final long maxBytes;

    DecisionWorkbookController(DecisionWorkbooks workbooks,
                               @Value("${kaohe.scoring.workbook.max-bytes}") long maxBytes) {
        this.workbooks = workbooks;
        this.maxBytes = maxBytes;
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/decision-workbook")
    @Operation(summary = "The decisions template for the caller's department: its units and items of the cycle",
            description = "Sheets 扣分加分 (one deduction, bonus or judged score per row; drop-down lists of the "
                    + "department's units, items and the kinds 扣分/加分/评定得分), 测量值 (one row per unit and "
                    + "quantified item, measures named, values to fill) and 单位和指标 (every unit and item with its "
                    + "points and rule). The office names the department with ?department=; an inspector gets its "
                    + "assigned units. Units whose final scores are approved are left out.")
    void template(@PathVariable String cycleId, @RequestParam(required = false) String department,
                  HttpServletResponse response) throws IOException {
        // Written whole before any header: a refusal is then still answered as a problem, not as a broken .xlsx.
        var out = new java.io.ByteArrayOutputStream();
        workbooks.template(cycleId, CurrentUser.get(), department, out);
        response.setContentType(XLSX.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("扣分清单模板-" + cycleId + ".xlsx", StandardCharsets.UTF_8).build().toString());
        response.getOutputStream().write(out.toByteArray());
    }

    @PostMapping(value = "/api/scoring/cycles/{cycleId}/decision-workbook/preview",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Check every row of a filled workbook and answer the points each would give (nothing is recorded)",
            description = "Each row passes the same checks as one decision (owning department, item applies to the "
                    + "unit, amount within the item's points, reason, date, frozen after approval). Answers per row "
                    + "status NEW / ALREADY_RECORDED / FAULT, the points it gives and the item's score before and "
                    + "after, and each fault at its sheet, row and column, in words. 413 over the size limit.")
    DecisionWorkbooks.Outcome preview(@PathVariable String cycleId, @RequestPart(value = "file", required = false)
            MultipartFile file, HttpServletRequest http) throws IOException {
        return workbooks.preview(cycleId, bytes(file), CurrentUser.get(), http.getMethod(), http.getRequestURI());
    }

    @PostMapping(value = "/api/scoring/cycles/{cycleId}/decision-workbook", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Record every row of the workbook in one transaction, or nothing",
            description = "400 scoring.workbook.invalid lists every fault located (errors) and the faulty rows (rows) "
                    + "when any row has one; nothing is then recorded. Each row's decision id is derived from the "
                    + "cycle, the department, the row's place and content: posting the same workbook again records "
                    + "nothing twice (those rows answer ALREADY_RECORDED). The scores and ScoresComputed events are "
                    + "those of the same decisions entered one by one.")
    ResponseEntity<DecisionWorkbooks.Outcome> commit(@PathVariable String cycleId,
                                                     @RequestPart(value = "file", required = false) MultipartFile file,
                                                     HttpServletRequest http) throws IOException {
        DecisionWorkbooks.Outcome outcome = workbooks.commit(cycleId, bytes(file), CurrentUser.get(), http.getMethod(),
                http.getRequestURI());
        return ResponseEntity.created(URI.create("/api/scoring/cycles/" + cycleId + "/decisions")).body(outcome);
    }

    private byte[] bytes(MultipartFile file) throws IOException {
        return UploadedWorkbook.bytes(file, maxBytes);
    }
}
