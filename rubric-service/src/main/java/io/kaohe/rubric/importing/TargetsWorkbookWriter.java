package io.kaohe.rubric.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.rubric.CommonTarget;
import io.kaohe.contracts.rubric.TargetItem;
import io.kaohe.contracts.rubric.TargetSection;
import io.kaohe.contracts.rubric.UnitTargetList;
import io.kaohe.contracts.rubric.UnitTargets;
import io.kaohe.rubric.importing.TargetsWorkbook.Column;
import io.kaohe.rubric.roster.RosterView;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes per-unit targets as a {@link TargetsWorkbook} (the export): a 目标信息 sheet with the header,
 * sections, common items and conversion notes, then a sheet per unit; a unit whose items are the first
 * unit's is written as 同第一项, as the offices write it.
 */
final class TargetsWorkbookWriter {

    private TargetsWorkbookWriter() {
    }

    static void write(UnitTargets t, RosterView roster, ObjectMapper json, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            SafeText text = new SafeText(workbook);
            CellStyle wrap = workbook.createCellStyle();
            wrap.setWrapText(true);
            Sheet info = workbook.createSheet(TargetsWorkbook.INFO);
            int r = ImportHeader.write(text, info, t.code(), t.year(), t.title(), t.source());
            text.row(info, r++, "考核单位", t.assessingDepartment());
            for (TargetSection s : t.sections()) {
                text.row(info, r++, "分类", s.code(), s.title(), Cells.plain(s.points()));
            }
            for (CommonTarget c : t.commonItems()) {
                text.row(info, r++, "共同条目", c.title(), Cells.plain(c.points()), c.section(), c.leadDepartment(),
                        c.deadline(), c.rule() == null ? "" : c.rule().wording(), RuleCells.write(c.rule(), json));
            }
            for (String note : t.conversionNotes()) {
                text.row(info, r++, "转换说明", note);
            }
            Map<String, TargetSection> sections = new LinkedHashMap<>();
            t.sections().forEach(s -> sections.put(s.code(), s));
            Set<String> sheetNames = new HashSet<>();
            String first = t.units().isEmpty() ? null : t.units().get(0).unit();
            for (UnitTargetList u : t.units()) {
                String base = WorkbookUtil.createSafeSheetName(u.unitName() == null ? u.unit() : u.unitName());
                String name = base;
                for (int n = 2; !sheetNames.add(name); n++) {
                    name = WorkbookUtil.createSafeSheetName(base.substring(0, Math.min(base.length(), 27)) + "(" + n + ")");
                }
                Sheet sheet = workbook.createSheet(name);
                Row head = sheet.createRow(0);
                text.set(head, 0, "被考核单位：" + nz(u.unitName()));
                text.set(head, 2, "责任人：" + nz(u.responsiblePerson()));
                text.set(head, 4, "联系人：" + nz(u.contactPerson()));
                text.set(head, 6, "电话：" + nz(u.phone()));
                text.set(head, 8, "单位编码：" + u.unit());
                Row header = sheet.createRow(1);
                Column[] order = Column.values();
                for (int c = 0; c < order.length; c++) {
                    text.set(header, c, order[c].header);
                }
                int next = 2;
                List<TargetItem> items = u.items();
                if (u.sameAs() != null && u.sameAs().equals(first) && !u.unit().equals(first)) {
                    Row row = sheet.createRow(next);
                    text.set(row, 2, TargetsWorkbook.SAME_AS_FIRST);
                    continue;
                }
                if (u.sameAs() != null) {
                    items = t.units().stream().filter(x -> x.unit().equals(u.sameAs())).findFirst()
                            .map(UnitTargetList::items).orElse(List.of());
                }
                for (TargetItem item : items) {
                    Row row = sheet.createRow(next++);
                    TargetSection s = sections.get(item.section());
                    text.set(row, 0, s == null ? nz(item.section())
                            : s.title() + "（" + Cells.plain(s.points()) + "分）");
                    row.createCell(1).setCellValue(item.seq());
                    text.set(row, 2, nz(item.content()), wrap);
                    if (item.points() != null) {
                        row.createCell(3).setCellValue(item.points().doubleValue());
                    }
                    text.set(row, 4, nz(item.deadline()));
                    text.set(row, 5, item.rule() == null ? "" : nz(item.rule().wording()));
                    text.set(row, 6, nz(item.responsibleLeader()));
                    text.set(row, 7, nz(item.responsibleOffice()));
                    text.set(row, 8, contactCell(item.contact(), item.phone()));
                    text.set(row, 9, RuleCells.write(item.rule(), json));
                }
                sheet.setColumnWidth(2, 60 * 256);
                sheet.setColumnWidth(5, 50 * 256);
            }
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    /** People and their phones back into one 具体责任人及电话 cell: {@link TargetsWorkbook#contact} reads it. */
    static String contactCell(String contact, String phone) {
        if (contact == null && phone == null) {
            return "";
        }
        if (contact == null) {
            return phone;
        }
        if (phone == null) {
            return contact;
        }
        String[] people = contact.split("、");
        String[] phones = phone.split("、");
        if (people.length == phones.length) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < people.length; i++) {
                lines.add(people[i] + phones[i]);
            }
            return String.join("\n", lines);
        }
        return contact + " " + phone;
    }

    private static String nz(String text) {
        return text == null ? "" : text;
    }
}
