package io.kaohe.rubric.importing;

/** Where a fault in a workbook is: "Sheet1!R12:C5" (1-based row and column), or a whole row or sheet. */
final class ImportFaults {

    private ImportFaults() {
    }

    static String at(String sheet, int row, Integer column) {
        return (sheet == null ? "" : sheet) + "!R" + row + (column == null ? "" : ":C" + column);
    }
}
