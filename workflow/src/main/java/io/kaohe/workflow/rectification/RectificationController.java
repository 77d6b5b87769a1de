package io.kaohe.workflow.rectification;

import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.kaohe.support.audit.Audited;
import io.kaohe.support.exports.ListWorkbook;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "rectification", description = "整改与整改台账 / rectifications and their ledgers")
class RectificationController {

    private final Rectifications rectifications;

    RectificationController(Rectifications rectifications) {
        this.rectifications = rectifications;
    }

    @GetMapping("/api/workflow/rectifications")
    @Operation(summary = "Rectifications with their ledgers (a unit sees its own)")
    List<Rectifications.Rectification> list(@RequestParam(required = false) String cycleId,
                                            @RequestParam(required = false) String unitCode) {
        return rectifications.list(cycleId, unitCode, CurrentUser.get());
    }

    @GetMapping("/api/workflow/rectifications.xlsx")
    @Audited(action = "export", object = "rectification")
    @Operation(summary = "The rectification ledgers (整改台账) as .xlsx: the list's filters and visibility",
            description = "One row per problem and measure: 序号, 单位, 考核周期, 整改类型, 问题, 来源, 下发日期, 整改时限, "
                    + "整改措施, 责任领导, 责任科室, 进展, 状态 (整改中/已销号), 销号日期, 核查人. A unit gets its own, an "
                    + "inspector its units', the office, leaders and assessing departments all.")
    ResponseEntity<StreamingResponseBody> xlsx(@RequestParam(required = false) String cycleId,
                                               @RequestParam(required = false) String unitCode) {
        List<Rectifications.Rectification> found = rectifications.list(blank(cycleId), blank(unitCode),
                CurrentUser.get());
        Rectifications.LedgerNames names = rectifications.ledgerNames(found);
        return ListWorkbook.download("整改台账.xlsx", "整改台账", RectificationLedgerWorkbook.COLUMNS,
                book -> RectificationLedgerWorkbook.write(book, found, names));
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
