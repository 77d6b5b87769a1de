package io.kaohe.scoring.pastyears;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.scoring.workbooks.UploadedWorkbook;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "past years", description = "往年结果导入：平台上线前各年度已发布的汇总表作为最终结果导入，供驾驶舱历年对比 / earlier years' published results")
class PastYearsController {

    private static final String FORM_FIELDS = "Multipart parts: file (the .xlsx), year, title (e.g. 2024年度目标绩效考核), "
            + "fullMarks (optional JSON object: category code or name → full marks, for rows whose sheet gives none).";

    private final PastYearImports imports;
    private final ObjectMapper json;
    private final long maxBytes;

    PastYearsController(PastYearImports imports, ObjectMapper json,
                        @Value("${kaohe.scoring.workbook.max-bytes}") long maxBytes) {
        this.imports = imports;
        this.json = json;
        this.maxBytes = maxBytes;
    }

    @GetMapping("/api/scoring/past-years")
    @Operation(summary = "The earlier years imported (the office)",
            description = "Each year with its title, file, units and who imported it; platformCycles names the "
                    + "platform's own cycles of that year, whose results the cockpit shows instead.")
    List<PastYearImports.Listed> list() {
        return imports.list();
    }

    @PostMapping(value = "/api/scoring/past-years/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Read a published 汇总表 and answer every row as it would be stored (nothing is stored)",
            description = FORM_FIELDS + " Accepts the platform's own 汇总表 export (category heading rows, the "
                    + "考核指标及评分标准 row's full marks, grades from its 分指标得分 sheet) and a plain sheet with "
                    + "被考核单位 (or 单位/单位代码), 得分 (or 总分) and optionally 类别, 等次, 满分, its header row found "
                    + "by its words. Units are matched to the roster by code or name. Answers each row (unit, "
                    + "category, score, full marks, percent, grade; OK or FAULT), every fault at its sheet, row and "
                    + "column in words, and notices: the year imported before that a commit replaces, the platform's "
                    + "own cycles of that year (which the cockpit shows instead).")
    PastYearImports.Outcome preview(@RequestPart(value = "file", required = false) MultipartFile file,
                                    @RequestParam(required = false) Integer year,
                                    @RequestParam(required = false) String title,
                                    @RequestParam(required = false) String fullMarks) throws IOException {
        return imports.preview(form(file, year, title, fullMarks), bytes(file));
    }

    @PostMapping(value = "/api/scoring/past-years", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Store the year's results from the workbook in one transaction, or nothing",
            description = FORM_FIELDS + " The same reading as the preview; 400 scoring.past-years.invalid with "
                    + "every fault located (errors, rows) when any row has one. A year imported before is replaced.")
    ResponseEntity<PastYearImports.Outcome> commit(@RequestPart(value = "file", required = false) MultipartFile file,
                                                   @RequestParam(required = false) Integer year,
                                                   @RequestParam(required = false) String title,
                                                   @RequestParam(required = false) String fullMarks)
            throws IOException {
        PastYearImports.Outcome outcome = imports.commit(form(file, year, title, fullMarks), bytes(file),
                CurrentUser.get());
        return ResponseEntity.created(URI.create("/api/scoring/past-years/" + outcome.year())).body(outcome);
    }

    @DeleteMapping("/api/scoring/past-years/{year}")
    @Operation(summary = "Delete an imported year (the office); the platform's own cycles are not touched")
    ResponseEntity<Void> delete(@Parameter(description = "the year imported") @PathVariable int year) {
        imports.delete(year);
        return ResponseEntity.noContent().build();
    }

    private PastYearImports.Form form(MultipartFile file, Integer year, String title, String fullMarks) {
        Map<String, BigDecimal> marks = Map.of();
        if (fullMarks != null && !fullMarks.isBlank()) {
            try {
                marks = json.readValue(fullMarks, new TypeReference<Map<String, BigDecimal>>() {
                });
            } catch (JsonProcessingException e) {
                throw ProblemException.badRequest("scoring.past-years.full-marks-form");
            }
        }
        return new PastYearImports.Form(year, title, file == null ? null : file.getOriginalFilename(), marks);
    }

    private byte[] bytes(MultipartFile file) throws IOException {
        return UploadedWorkbook.bytes(file, maxBytes);
    }
}
