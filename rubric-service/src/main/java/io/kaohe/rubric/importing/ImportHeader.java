package io.kaohe.rubric.importing;

import io.kaohe.support.problems.Fault;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * The code, year and title of an imported system or targets version: the ones the office gave
 * with the upload first, else what the workbook's information sheet says (编码, 年度, 名称). A
 * missing one or an unreadable year is a fault at that sheet, and the import writes nothing.
 */
record ImportHeader(String code, Integer year, String title) {

    static ImportHeader of(String givenCode, Integer givenYear, String givenTitle, Map<String, String> info,
                           String infoSheet, List<Fault> faults) {
        String code = givenCode != null ? givenCode : Cells.blankToNull(info.get("编码"));
        String title = givenTitle != null ? givenTitle : Cells.blankToNull(info.get("名称"));
        Integer year = givenYear;
        String written = info.get("年度");
        if (year == null && written != null && !written.isBlank()) {
            try {
                year = Integer.parseInt(written.replaceAll("[年度\\s]", ""));
            } catch (NumberFormatException e) {
                faults.add(Fault.at(infoSheet, "rubric.import.year-invalid", written));
            }
        }
        if (code == null || title == null || year == null) {
            faults.add(Fault.at(infoSheet, "rubric.import.header-missing"));
        }
        return new ImportHeader(code, year, title);
    }

    /**
     * An export's information sheet begins with the rows {@link #of} reads back: 编码, 年度 and 名称, then
     * 来源 (each workbook reads that itself). The next free row's index.
     */
    static int write(SafeText text, Sheet info, String code, int year, String title, String source) {
        text.row(info, 0, "编码", code);
        text.row(info, 1, "年度", String.valueOf(year));
        text.row(info, 2, "名称", title);
        text.row(info, 3, "来源", source);
        return 4;
    }
}
