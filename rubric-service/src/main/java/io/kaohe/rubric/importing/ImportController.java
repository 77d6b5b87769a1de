package io.kaohe.rubric.importing;

import io.kaohe.rubric.roster.Roster;
import io.kaohe.rubric.versions.RubricVersion;
import io.kaohe.rubric.versions.RubricVersions;
import io.kaohe.support.audit.Audited;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "导入导出 / imports and exports",
     description = "xlsx in the layouts of seed 004 (indicator system) and seed 001 (a sheet per unit), and JSON. "
             + "An import creates a draft, or nothing at all: every fault is reported with its sheet, row and column.")
class ImportController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Imports imports;
    private final RubricVersions versions;
    private final Roster roster;

    ImportController(Imports imports, RubricVersions versions, Roster roster) {
        this.imports = imports;
        this.versions = versions;
        this.roster = roster;
    }

    @PostMapping(value = "/api/rubric/imports/system", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import an indicator system from .xlsx in seed 004's layout as a new draft (office)",
               description = "Columns 序号 / 一级指标 / 二级指标 / 三级指标 / 考核内容 / 考核单位 / 备注 (points as (N分), "
                       + "适用于… in 备注), optionally 完成时限 / 评分标准 / 认定依据 / 计分方法. Code, year and title come from a "
                       + "体系信息 sheet or these parameters. 413 when the file exceeds kaohe.rubric.import.max-bytes.")
    ResponseEntity<RubricVersion> system(@RequestPart("file") MultipartFile file,
                                         @Parameter(description = "system code, overrides 体系信息") @RequestParam(required = false) String code,
                                         @RequestParam(required = false) Integer year,
                                         @RequestParam(required = false) String title) {
        return created(imports.system(file, new SystemWorkbook.Header(code, year, title), CurrentUser.get().username()));
    }

    @PostMapping(value = "/api/rubric/imports/targets", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import per-unit targets from .xlsx in seed 001's layout (a sheet per unit) as a new draft (office)",
               description = "Each sheet: 被考核单位：… 责任人：… 联系人：… 电话：…, then 类别 / 序号 / 考核内容及目标任务 / 分值 / "
                       + "完成时限 / 评分标准及认定依据 / 责任领导 / 责任科室 / 具体责任人及电话 (optionally 计分方法). Code, year, "
                       + "title and the department scoring the units' own items come from a 目标信息 sheet or these parameters.")
    ResponseEntity<RubricVersion> targets(@RequestPart("file") MultipartFile file,
                                          @RequestParam(required = false) String code,
                                          @RequestParam(required = false) Integer year,
                                          @RequestParam(required = false) String title,
                                          @Parameter(description = "department (code or name) scoring the units' own items")
                                          @RequestParam(required = false) String assessingDepartment) {
        return created(imports.targets(file, new TargetsWorkbook.Header(code, year, title, assessingDepartment),
                CurrentUser.get().username()));
    }

    @PostMapping(value = "/api/rubric/imports/json", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a system (RubricSnapshot JSON) or per-unit targets (UnitTargets JSON) as a new draft (office)")
    ResponseEntity<RubricVersion> json(@RequestPart("file") MultipartFile file) {
        return created(imports.json(file, CurrentUser.get().username()));
    }

    @GetMapping("/api/rubric/versions/{id}/export")
    @Audited(action = "export", object = "version")
    @Operation(summary = "Export a version: xlsx in the layout it was imported from (seed 004 or seed 001), or json; "
            + "targets' personal fields as GET /versions/{id}/targets shows them to the caller")
    void export(@PathVariable UUID id, @RequestParam(defaultValue = "xlsx") String format,
                HttpServletResponse response) throws IOException {
        if (!format.equals("xlsx") && !format.equals("json")) {
            throw ProblemException.badRequest("rubric.export.format", format);
        }
        RubricVersion version = versions.find(id)
                .filter(v -> v.status() == RubricVersion.Status.PUBLISHED || CurrentUser.get().hasRole(Roles.OFFICE_ADMIN))
                .orElseThrow(() -> ProblemException.notFound("rubric.version.not-found", id));
        // Refused before anything is written when the layout cannot hold the tree.
        imports.checkExportable(version, format);
        String filename = version.systemCode() + "-v" + version.number() + "." + format;
        response.setContentType(format.equals("json") ? MediaType.APPLICATION_JSON_VALUE : XLSX.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(filename, StandardCharsets.UTF_8).build().toString());
        imports.export(version, format, roster.view(), CurrentUser.get(), response.getOutputStream());
    }

    private static ResponseEntity<RubricVersion> created(RubricVersion draft) {
        return ResponseEntity.created(URI.create("/api/rubric/versions/" + draft.id())).eTag(draft.etag()).body(draft);
    }
}
