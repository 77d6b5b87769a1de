package io.kaohe.scoring.pastyears;

import io.kaohe.contracts.rubric.RosterListing;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.scoring.pastyears.PublishedWorkbook.Column;
import io.kaohe.scoring.roster.RosterOrder;
import io.kaohe.scoring.roster.RosterSource;
import io.kaohe.scoring.workbooks.UploadedWorkbook;
import io.kaohe.support.audit.AuditTrail;
import io.kaohe.support.problems.ProblemError;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The office's import of an earlier year's published results (汇总表) as final results. A preview answers every
 * row as it will be stored, every fault located at its sheet, row and column, and what the commit would replace;
 * the commit stores the year in one transaction, or nothing when any row has a fault; importing a year again
 * replaces it; the office may delete an imported year.
 *
 * <p>How a workbook is read: the first sheet with a header row (被考核单位 or 单位, and 得分 or 总分) holds the
 * results. Below it, a row with only its unit cell filled that names no unit of the roster is a category heading
 * (the platform's own export heads each category so); a row "考核指标及评分标准" gives that category's full marks
 * in its score cell (the export's template row); every other row with a unit is a unit's result. A unit is matched
 * to the roster by its code (单位代码 column) or its name; its category is the 类别 column's or the heading's when
 * the roster knows it, else the roster's. Full marks: the row's 满分, else the heading's template row, else the
 * figure the office gave for the category. Grades (等次) from the sheet's own column, else from another sheet
 * that lists units with their 等次 (the export's 分指标得分).
 */
@Service
class PastYearImports {

    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final String TEMPLATE_ROW = "考核指标及评分标准";
    private static final Set<String> TOTAL_ROWS = Set.of("合计", "总计", "平均", "平均分", "小计");
    private static final int MAX_TITLE = 200;
    /** The first key of the transaction's advisory lock on an imported year (the year is the second). */
    private static final int YEAR_LOCK = 0x50595253;

    private final JdbcClient db;
    private final Cycles cycles;
    private final RosterSource roster;
    private final MessageSource messages;

    PastYearImports(JdbcClient db, Cycles cycles, RosterSource roster, MessageSource messages) {
        this.db = db;
        this.cycles = cycles;
        this.roster = roster;
        this.messages = messages;
    }

    /** A fault at its cell (column null: the whole row), in the caller's language and in words. */
    record Fault(String location, String sheet, int row, Integer column, String columnName, String message) {
    }

    /**
     * A unit's row as it will be stored ({@code status} OK) or not ({@code FAULT}, with its faults).
     * {@code writtenName} is the name as the workbook prints it; {@code unitName} the roster's.
     */
    record Row(String sheet, int row, String writtenName, String unitCode, String unitName, String category,
               String categoryName, BigDecimal score, BigDecimal fullMarks, BigDecimal percent, String grade,
               String status, List<String> notes, List<Fault> faults) {
    }

    /** The year imported before (what a commit replaces). */
    record Replaced(String title, String fileName, int units, String importedBy, Instant importedAt) {
    }

    /**
     * The whole import: {@code replaces} the year stored now, if any; {@code platformCycles} the platform's own
     * cycles of that year (the cockpit shows theirs, not the import); {@code notices} both said in words.
     */
    record Outcome(int year, String title, String fileName, String digest, boolean committed, int rows, int faulty,
                   Replaced replaces, List<String> platformCycles, List<String> notices, List<Fault> faults,
                   List<Row> results) {
    }

    /** A year imported, as listed. */
    record Listed(int year, String title, String fileName, int units, String importedBy, Instant importedAt,
                  List<String> platformCycles) {
    }

    /** What the office sent besides the file. */
    record Form(Integer year, String title, String fileName, Map<String, BigDecimal> fullMarks) {
    }

    // ------------------------------------------------------------------ preview, commit, list, delete

    @Transactional(readOnly = true)
    public Outcome preview(Form form, byte[] file) {
        Outcome outcome = check(form, file, false);
        AuditTrail.object("preview", "imported-year", String.valueOf(outcome.year()));
        return outcome;
    }

    @Transactional
    public Outcome commit(Form form, byte[] file, CurrentUser user) {
        Outcome checked = check(form, file, true);
        if (!checked.faults().isEmpty()) {
            List<ProblemError> errors = checked.faults().stream().map(f -> new ProblemError(f.location(), f.message()))
                    .toList();
            throw new ProblemException(HttpStatus.BAD_REQUEST, "scoring.past-years.invalid", errors, errors.size())
                    .with("rows", checked.results().stream().filter(r -> r.status().equals("FAULT")).toList());
        }
        int year = checked.year();
        // Two imports of one year at once: one after the other (the second replaces the first), never a key clash.
        db.sql("select pg_advisory_xact_lock(?, ?)").params(YEAR_LOCK, year).query((rs, n) -> 1).list();
        Optional<Replaced> before = replaced(year);
        db.sql("delete from imported_year where year = ?").param(year).update();
        db.sql("""
                insert into imported_year (year, title, file_name, digest, unit_count, imported_by)
                values (?, ?, ?, ?, ?, ?)
                """).params(year, checked.title(), checked.fileName(), checked.digest(), checked.results().size(),
                user.username()).update();
        for (Row r : checked.results()) {
            db.sql("""
                    insert into imported_result (year, unit_code, unit_name, category, score, full_marks, percent,
                                                 grade, sheet, row_number)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).params(year, r.unitCode(), r.writtenName(), r.category(), r.score(), r.fullMarks(),
                    r.percent(), r.grade(), r.sheet(), r.row()).update();
        }
        AuditTrail.object(before.isPresent() ? "replace" : "import", "imported-year", String.valueOf(year));
        AuditTrail.change(before.orElse(null), Map.of("year", year, "title", checked.title(), "digest",
                checked.digest(), "units", checked.results().size()));
        return new Outcome(year, checked.title(), checked.fileName(), checked.digest(), true, checked.rows(), 0,
                before.orElse(null), checked.platformCycles(), checked.notices(), List.of(), checked.results());
    }

    @Transactional(readOnly = true)
    public List<Listed> list() {
        Map<Integer, List<String>> platform = platformCycles();
        return db.sql("""
                select year, title, file_name, unit_count, imported_by, imported_at from imported_year order by year
                """).query((rs, n) -> new Listed(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                rs.getString(5), rs.getTimestamp(6).toInstant(), platform.getOrDefault(rs.getInt(1), List.of())))
                .list();
    }

    @Transactional
    public void delete(int year) {
        Replaced before = replaced(year).orElseThrow(
                () -> ProblemException.notFound("scoring.past-years.not-found", year));
        db.sql("delete from imported_year where year = ?").param(year).update();
        AuditTrail.object("delete", "imported-year", String.valueOf(year));
        AuditTrail.change(before, null);
    }

    // ------------------------------------------------------------------ reading

    private Outcome check(Form form, byte[] file, boolean commit) {
        int year = year(form.year());
        String title = form.title() == null ? "" : form.title().strip();
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            throw ProblemException.badRequest("scoring.past-years.title-required", MAX_TITLE);
        }
        PublishedWorkbook.Read read = UploadedWorkbook.read(file, PublishedWorkbook::read);
        RosterOrder order = roster.roster();
        RosterNames names = new RosterNames(order, form.fullMarks());
        List<Fault> faults = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        if (read.rowsCounted() > PublishedWorkbook.MAX_ROWS) {
            faults.add(fault(firstSheet(read), 1, null, null,
                    text("scoring.past-years.too-many-rows", read.rowsCounted(), PublishedWorkbook.MAX_ROWS)));
        } else if (read.sheets().isEmpty()) {
            faults.add(fault(firstSheet(read), 1, null, null, text("scoring.past-years.no-header",
                    PublishedWorkbook.HEADER_SEARCH)));
        } else {
            PublishedWorkbook.Sheet main = read.sheets().get(0);
            rows = rows(main, grades(read, main), names);
            rows.forEach(r -> faults.addAll(r.faults()));
            if (rows.isEmpty()) {
                faults.add(fault(main.name(), main.headerRow() + 1, null, null, text("scoring.past-years.empty")));
            }
        }
        Optional<Replaced> replaces = replaced(year);
        List<String> platform = platformCycles().getOrDefault(year, List.of());
        List<String> notices = new ArrayList<>();
        replaces.ifPresent(r -> notices.add(text("scoring.past-years.replaces", year, r.title(), r.units(),
                r.importedAt().toString())));
        if (!platform.isEmpty()) {
            notices.add(text("scoring.past-years.platform-wins", year, String.join("、", platform)));
        }
        int faulty = (int) rows.stream().filter(r -> r.status().equals("FAULT")).count();
        return new Outcome(year, title, form.fileName(), UploadedWorkbook.digest(file), false, rows.size(), faulty,
                replaces.orElse(null), platform, notices, faults, rows);
    }

    private static String firstSheet(PublishedWorkbook.Read read) {
        return !read.sheets().isEmpty() ? read.sheets().get(0).name()
                : read.without().isEmpty() ? "" : read.without().get(0);
    }

    private List<Row> rows(PublishedWorkbook.Sheet sheet, Map<String, String> otherGrades, RosterNames names) {
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String heading = null;
        BigDecimal headingFullMarks = null;
        Integer headingRow = null;
        for (PublishedWorkbook.Row row : sheet.rows()) {
            String written = row.get(Column.UNIT);
            String code = row.get(Column.CODE);
            if (written.isEmpty() && code.isEmpty()) {
                continue;
            }
            String compactName = PublishedWorkbook.compact(written);
            if (compactName.equals(TEMPLATE_ROW)) {
                headingFullMarks = decimal(row.get(Column.SCORE));
                headingRow = row.number();
                continue;
            }
            if (TOTAL_ROWS.contains(compactName)) {
                continue;
            }
            RosterListing.Unit unit = names.unit(code, written);
            boolean onlyName = row.nonBlank() == 1 && !written.isEmpty() && code.isEmpty();
            if (unit == null && onlyName) {
                heading = written;
                headingFullMarks = null;
                headingRow = null;
                continue;
            }
            rows.add(row(sheet, row, unit, heading, headingFullMarks, headingRow, otherGrades, names, seen));
        }
        return rows;
    }

    private Row row(PublishedWorkbook.Sheet sheet, PublishedWorkbook.Row row, RosterListing.Unit unit, String heading,
                    BigDecimal headingFullMarks, Integer headingRow, Map<String, String> otherGrades, RosterNames names,
                    Map<String, Integer> seen) {
        String s = sheet.name();
        int n = row.number();
        List<Fault> faults = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String written = row.get(Column.UNIT);
        String code = row.get(Column.CODE);
        if (unit == null) {
            Column where = code.isEmpty() ? Column.UNIT : Column.CODE;
            faults.add(fault(sheet, n, where, text("scoring.past-years.unit-unknown", code.isEmpty() ? written : code)));
        } else {
            Integer earlier = seen.putIfAbsent(unit.code(), n);
            if (earlier != null) {
                faults.add(fault(sheet, n, Column.UNIT, text("scoring.past-years.unit-twice", unit.name(), earlier)));
            }
        }

        // The category: the row's own, else the heading's, when the roster knows it; else the roster's.
        String categoryText = row.get(Column.CATEGORY).isEmpty() ? heading : row.get(Column.CATEGORY);
        String category = names.category(categoryText);
        if (category == null && unit != null) {
            category = unit.category();
            if (categoryText != null && !categoryText.isBlank()) {
                notes.add(text("scoring.past-years.category-from-roster", categoryText, names.categoryName(category)));
            }
        }

        BigDecimal score = null;
        String scoreText = row.get(Column.SCORE);
        if (scoreText.isEmpty()) {
            faults.add(fault(sheet, n, Column.SCORE, text("scoring.past-years.score-missing")));
        } else {
            score = decimal(scoreText);
            if (score == null) {
                faults.add(fault(sheet, n, Column.SCORE, text("scoring.past-years.score-not-number", scoreText)));
            } else if (score.signum() < 0) {
                faults.add(fault(sheet, n, Column.SCORE, text("scoring.past-years.score-negative", scoreText)));
                score = null;
            }
        }

        BigDecimal fullMarks = null;
        String fullText = row.get(Column.FULL_MARKS);
        if (!fullText.isEmpty()) {
            fullMarks = decimal(fullText);
            if (fullMarks == null || fullMarks.signum() <= 0) {
                faults.add(fault(sheet, n, Column.FULL_MARKS, text("scoring.past-years.full-marks-invalid", fullText)));
                fullMarks = null;
            }
        } else if (headingFullMarks != null && headingFullMarks.signum() > 0) {
            fullMarks = headingFullMarks;
            notes.add(text("scoring.past-years.full-marks-from-template", headingRow, plain(fullMarks)));
        } else if (category != null && names.fullMarks(category) != null) {
            fullMarks = names.fullMarks(category);
        } else if (unit != null) {
            // (an unknown unit has no category to take full marks from: its own fault says enough)
            faults.add(fault(s, n, null, null, text("scoring.past-years.full-marks-unknown",
                    names.categoryName(category))));
        }

        String grade = row.get(Column.GRADE);
        if (grade.isEmpty()) {
            grade = otherGrades.getOrDefault(PublishedWorkbook.compact(written), "");
        }
        grade = grade.replace("（拟）", "").replace("(拟)", "").strip();

        BigDecimal percent = score == null || fullMarks == null ? null
                : score.multiply(HUNDRED).divide(fullMarks, 2, RoundingMode.HALF_UP);
        if (percent != null && percent.compareTo(new BigDecimal("99999")) > 0) {
            faults.add(fault(sheet, n, Column.SCORE, text("scoring.past-years.score-not-number", scoreText)));
            percent = null;
        }
        return new Row(s, n, written, unit == null ? null : unit.code(), unit == null ? null : unit.name(), category,
                category == null ? null : names.categoryName(category),
                score == null ? null : score.setScale(2, RoundingMode.HALF_UP),
                fullMarks == null ? null : fullMarks.setScale(2, RoundingMode.HALF_UP), percent,
                grade.isEmpty() ? null : grade, faults.isEmpty() ? "OK" : "FAULT", notes, faults);
    }

    /** Grades by unit name from the other sheets that list units with an 等次 column, when the main one has none. */
    private static Map<String, String> grades(PublishedWorkbook.Read read, PublishedWorkbook.Sheet main) {
        Map<String, String> grades = new HashMap<>();
        if (main.columns().containsKey(Column.GRADE)) {
            return grades;
        }
        for (PublishedWorkbook.Sheet sheet : read.sheets()) {
            if (sheet == main || !sheet.columns().containsKey(Column.GRADE)) {
                continue;
            }
            for (PublishedWorkbook.Row row : sheet.rows()) {
                if (!row.get(Column.UNIT).isEmpty() && !row.get(Column.GRADE).isEmpty()) {
                    grades.putIfAbsent(PublishedWorkbook.compact(row.get(Column.UNIT)), row.get(Column.GRADE));
                }
            }
        }
        return grades;
    }

    // ------------------------------------------------------------------ helpers

    private Optional<Replaced> replaced(int year) {
        return db.sql("select title, file_name, unit_count, imported_by, imported_at from imported_year where year = ?")
                .param(year).query((rs, n) -> new Replaced(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant())).optional();
    }

    /** The platform's own cycles by year. */
    private Map<Integer, List<String>> platformCycles() {
        Map<Integer, List<String>> byYear = new LinkedHashMap<>();
        for (Cycle c : cycles.all()) {
            byYear.computeIfAbsent(c.year(), y -> new ArrayList<>()).add(c.cycleId());
        }
        return byYear;
    }

    private static int year(Integer year) {
        if (year == null || year < 1949 || year > 2999) {
            throw ProblemException.badRequest("scoring.past-years.year-required", year == null ? "" : year);
        }
        return year;
    }

    /** A number as offices write one ("92.5", "1,000", "92.5分"); null when it is none. */
    static BigDecimal decimal(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().replace(",", "").replace("，", "");
        if (t.endsWith("分")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        try {
            BigDecimal value = new BigDecimal(t);
            return value.abs().compareTo(new BigDecimal("1000000")) >= 0 ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private Fault fault(PublishedWorkbook.Sheet sheet, int row, Column column, String message) {
        Integer at = sheet.columns().get(column);
        return fault(sheet.name(), row, at, at == null ? null : sheet.headers().get(column), message);
    }

    private Fault fault(String sheet, int row, Integer column, String header, String message) {
        String location = sheet + "!R" + row + (column == null ? "" : ":C" + column);
        String words = column == null ? text("scoring.workbook.at-row", sheet, row, message)
                : text("scoring.workbook.at-cell", sheet, row, column, header == null ? "" : header, message);
        return new Fault(location, sheet, row, column, header, words);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
