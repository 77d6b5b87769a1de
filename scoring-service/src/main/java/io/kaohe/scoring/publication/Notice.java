package io.kaohe.scoring.publication;

import io.kaohe.scoring.results.ResultsTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A 通报 as it is printed: the office's title, issuing body (发文机关), document number (文号), date and
 * text, the units of each grade in the roster's order, and the results table (汇总表) attached.
 *
 * @param draft a preview before publication: every page says so
 */
record Notice(String cycleId, String cycleTitle, String title, String issuingBody, String documentNumber,
              LocalDate issuedOn, List<String> paragraphs, List<GradeList> grades, ResultsTable table,
              boolean draft) {

    /** The units given one grade. */
    record GradeList(String grade, List<String> units) {
    }

    /** What the attachment is called, in the notice and above the table. */
    String attachmentTitle() {
        return cycleTitle + "考核结果汇总表";
    }

    /** "2016年1月28日", as GB/T 9704 writes the date (Arabic numerals). */
    String date() {
        return issuedOn.getYear() + "年" + issuedOn.getMonthValue() + "月" + issuedOn.getDayOfMonth() + "日";
    }

    /** Each grade as one paragraph: "一、“好”等次（2个）：市纪委（监察局）、市中级法院。" */
    List<String> gradeParagraphs() {
        List<String> lines = new ArrayList<>();
        for (GradeList list : grades) {
            lines.add(NoticeText.numeral(lines.size() + 1) + "、“" + list.grade() + "”等次（" + list.units().size()
                    + "个）：" + String.join("、", list.units()) + "。");
        }
        return lines;
    }

    /** A main recipient line (主送机关, "各被考核单位：") is printed flush left, other paragraphs indented. */
    static boolean isAddressee(String paragraph) {
        String p = paragraph.strip();
        return p.length() <= 80 && (p.endsWith("：") || p.endsWith(":"));
    }
}
