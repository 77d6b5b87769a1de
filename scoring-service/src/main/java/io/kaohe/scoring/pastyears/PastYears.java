package io.kaohe.scoring.pastyears;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Earlier years' published results imported as final results (往年导入), as the cockpit reads them next to the
 * platform's own cycles. Written only by {@link PastYearImports}.
 */
@Component
public class PastYears {

    private final JdbcClient db;

    PastYears(JdbcClient db) {
        this.db = db;
    }

    /** An imported year: its title and each unit's result as published, by unit code. */
    public record Year(int year, String title, Map<String, Result> results) {
    }

    /** A unit's published result: the roster's category it was published under, percent of full marks, grade. */
    public record Result(String unitCode, String category, BigDecimal score, BigDecimal fullMarks, BigDecimal percent,
                         String grade) {
    }

    /** Every imported year before {@code year}, oldest first. */
    public List<Year> before(int year) {
        Map<Integer, String> titles = new LinkedHashMap<>();
        db.sql("select year, title from imported_year where year < ? order by year").param(year)
                .query((rs, n) -> titles.put(rs.getInt(1), rs.getString(2))).list();
        Map<Integer, Map<String, Result>> results = new LinkedHashMap<>();
        titles.keySet().forEach(y -> results.put(y, new LinkedHashMap<>()));
        db.sql("""
                select year, unit_code, category, score, full_marks, percent, grade
                  from imported_result where year < ? order by year, sheet, row_number
                """).param(year).query((rs, n) -> results.get(rs.getInt(1)).put(rs.getString(2),
                new Result(rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                        rs.getBigDecimal(6), rs.getString(7)))).list();
        List<Year> years = new ArrayList<>();
        titles.forEach((y, title) -> years.add(new Year(y, title, results.get(y))));
        return years;
    }
}
