package io.kaohe.rubric.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The people and phone numbers a targets workbook gives: its unit sheets' header line and 具体责任人及电话 cells. */
final class ContactCells {

    private static final Pattern CONTACT_LINE = Pattern.compile("^(.*?)\\s*([0-9][0-9\\- ]*[0-9])?\\s*$");

    private ContactCells() {
    }

    /** "被考核单位：X  责任人：Y  联系人：Z  电话：P" into its values, whichever order and cells they are in. */
    static Map<String, String> keyed(String text, List<String> keys) {
        Map<String, Integer> starts = new LinkedHashMap<>();
        for (String key : keys) {
            Matcher m = Pattern.compile(Pattern.quote(key) + "\\s*[:：]").matcher(text);
            while (m.find()) {
                // "单位编码" contains no other key; "责任人" must not be read inside "具体责任人"
                if (key.equals("责任人") && m.start() > 0 && text.charAt(m.start() - 1) == '体') {
                    continue;
                }
                starts.put(key, m.start());
                break;
            }
        }
        Map<String, String> values = new HashMap<>();
        for (var e : starts.entrySet()) {
            Matcher m = Pattern.compile(Pattern.quote(e.getKey()) + "\\s*[:：]").matcher(text);
            m.find(e.getValue());
            int end = starts.values().stream().filter(s -> s > e.getValue()).min(Integer::compare).orElse(text.length());
            values.put(e.getKey(), text.substring(m.end(), end).strip());
        }
        return values;
    }

    /** A person cell with the layout's spacing removed ("雷  超" is 雷超); several are joined by 、. */
    static String person(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        return t.contains("、") ? t.replaceAll("[\\s\\u3000]+", "") : t.replaceAll("[\\s\\u3000]+", "");
    }

    /** "杜林7893070\n袁明志7893077" into ["杜林、袁明志", "7893070、7893077"]. */
    static String[] contact(String cell) {
        List<String> people = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        for (String line : cell.strip().split("\\r?\\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = CONTACT_LINE.matcher(line.strip());
            if (m.matches()) {
                String name = m.group(1).strip();
                if (!name.isEmpty()) {
                    people.add(name.replaceAll("[\\s\\u3000]+", ""));
                }
                if (m.group(2) != null) {
                    phones.add(m.group(2).strip());
                }
            }
        }
        return new String[] {people.isEmpty() ? null : String.join("、", people),
                phones.isEmpty() ? null : String.join("、", phones)};
    }
}
