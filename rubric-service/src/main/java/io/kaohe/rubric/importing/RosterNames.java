package io.kaohe.rubric.importing;

import io.kaohe.rubric.roster.AssessingDepartment;
import io.kaohe.rubric.roster.RosterView;
import io.kaohe.rubric.roster.UnitCategory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds roster entries by what a sheet writes: a department's name or code, categories after 适用于. */
final class RosterNames {

    private final Map<String, String> departments = new LinkedHashMap<>();
    /** Category names and codes, longest first, so "高新区、龙门园区" wins over a shorter name inside it. */
    private final List<Map.Entry<String, String>> categories = new ArrayList<>();
    private final RosterView roster;

    RosterNames(RosterView roster) {
        this.roster = roster;
        for (AssessingDepartment d : roster.departments()) {
            departments.put(d.code(), d.code());
            departments.put(Cells.compact(d.name()), d.code());
        }
        Map<String, String> byText = new LinkedHashMap<>();
        for (UnitCategory c : roster.categories()) {
            byText.put(c.code(), c.code());
            byText.put(Cells.compact(c.name()), c.code());
        }
        categories.addAll(byText.entrySet());
        categories.sort(Comparator.comparing((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
    }

    RosterView roster() {
        return roster;
    }

    /** Department codes named in a cell ("市委巡察办  市委办公室"); unknown names are added to {@code unknown}. */
    List<String> departments(String cell, List<String> unknown) {
        List<String> codes = new ArrayList<>();
        for (String token : cell.strip().split("[\\s\\u3000、,，;；/]+")) {
            if (token.isBlank()) {
                continue;
            }
            String code = departments.get(Cells.compact(token));
            if (code == null) {
                unknown.add(token);
            } else if (!codes.contains(code)) {
                codes.add(code);
            }
        }
        return codes;
    }

    String department(String text) {
        return departments.get(Cells.compact(text));
    }

    /**
     * Category codes in a list such as "县(市)、吉利区" or "county、jili"; what matches no category is
     * returned in {@code unknown}.
     */
    List<String> categories(String list, List<String> unknown) {
        String text = Cells.compact(list);
        List<String> codes = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if ("、,，;；和及与".indexOf(c) >= 0) {
                i++;
                continue;
            }
            boolean matched = false;
            for (Map.Entry<String, String> e : categories) {
                if (text.startsWith(e.getKey(), i)) {
                    if (!codes.contains(e.getValue())) {
                        codes.add(e.getValue());
                    }
                    i += e.getKey().length();
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                int end = i;
                while (end < text.length() && "、,，;；".indexOf(text.charAt(end)) < 0) {
                    end++;
                }
                unknown.add(text.substring(i, end));
                i = end;
            }
        }
        return codes;
    }
}
