package io.kaohe.scoring.scores;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A department's decisions as a workbook (扣分清单): sheet {@value #DECISIONS} holds one deduction, bonus or
 * judged score per row, sheet {@value #MEASURED} one unit's measured values for one quantified item per row.
 * {@link DecisionTemplate} writes the workbook for one department's units and items; {@link DecisionWorkbookReader}
 * turns a filled one into decision requests, each with the cells it came from, so every fault can be located at
 * its cell. This class holds what both must agree on: the sheets, the columns and their headers, the limits.
 * Columns are found by their header, so a department may reorder them or add its own.
 */
final class DecisionWorkbook {

    static final String DECISIONS = "扣分加分";
    static final String MEASURED = "测量值";
    /** The kinds the template offers in its drop-down list (the reader takes a few more wordings). */
    static final List<String> KIND_NAMES = List.of("扣分", "加分", "评定得分");
    /** How many measure/value column pairs the measured sheet has. */
    static final int MEASURE_PAIRS = 4;
    /** The most rows read from a workbook; more is refused whole (and as far as the template's lists reach). */
    static final int MAX_ROWS = 5_000;

    /** Request fields and the header of the column each comes from, in the template's order. */
    static final Map<String, String> DECISION_COLUMNS = columns(
            "unitCode", "单位代码", "unitName", "单位名称", "itemCode", "指标代码", "itemTitle", "指标名称",
            "kind", "类型", "amount", "分值", "count", "次数", "measure", "计数项", "reason", "理由",
            "source", "来源", "date", "日期", "evidenceRefs", "佐证");
    static final Map<String, String> MEASURED_COLUMNS = measuredColumns();

    private DecisionWorkbook() {
    }

    /** A header or measure label as written, without the spaces offices put in to align it. */
    static String compact(String text) {
        return text == null ? "" : text.replaceAll("[\\s\\u3000]+", "");
    }

    private static Map<String, String> columns(String... fieldsAndHeaders) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndHeaders.length; i += 2) {
            columns.put(fieldsAndHeaders[i], fieldsAndHeaders[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(columns);
    }

    private static Map<String, String> measuredColumns() {
        Map<String, String> columns = new LinkedHashMap<>(columns("unitCode", "单位代码", "unitName", "单位名称",
                "itemCode", "指标代码", "itemTitle", "指标名称", "reason", "理由", "source", "来源", "date", "日期",
                "evidenceRefs", "佐证"));
        for (int i = 1; i <= MEASURE_PAIRS; i++) {
            columns.put("measure" + i, "测量项" + i);
            columns.put("value" + i, "值" + i);
        }
        return java.util.Collections.unmodifiableMap(columns);
    }
}
