package io.kaohe.rubric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small valid indicator system as JSON, for tests that need one of their own. */
public final class SmallSystems {

    private SmallSystems() {
    }

    /**
     * 1 政治建设 (5): 1.1 (5): 1.1.1 (5) with two leaves for every category (2 + 3), and for
     * urban units 1.1.2 (5) with one leaf instead of the 3-point one: variants per category.
     */
    public static Map<String, Object> system(String code) {
        Map<String, Object> leaf1 = leaf("1.1.1.1", "将落实组织生活制度情况列入重要日程", 2, List.of(), "swzzb");
        Map<String, Object> leaf2 = leaf("1.1.1.2", "认真落实“三会一课”", 3, List.of("county"), "swzzb");
        Map<String, Object> leaf3 = leaf("1.1.1.3", "深化拓展党性教育", 3, List.of("urban"), "swdx");
        Map<String, Object> third = node("1.1.1", "严格执行组织生活制度", 5, List.of(leaf1, leaf2, leaf3));
        Map<String, Object> second = node("1.1", "加强和规范党内政治生活", 5, List.of(third));
        Map<String, Object> root = node("1", "政治建设", 5, List.of(second));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("code", code);
        s.put("year", 2019);
        s.put("title", "测试指标体系 " + code);
        s.put("source", null);
        s.put("categories", List.of("county", "urban"));
        s.put("applicabilityWordings", Map.of());
        s.put("conversionNotes", List.of());
        s.put("roots", List.of(root));
        return s;
    }

    public static Map<String, Object> leaf(String code, String title, Object points, List<String> appliesTo, String department) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("code", code);
        n.put("title", title);
        n.put("points", points);
        n.put("appliesTo", appliesTo);
        n.put("description", null);
        n.put("assessingDepartments", List.of(department));
        n.put("rule", Map.of("type", "judged", "wording", "根据完成情况计分"));
        n.put("deadline", "12月底");
        n.put("acceptedEvidence", "提供文件、现场照片和新闻报道等资料");
        n.put("note", null);
        n.put("children", List.of());
        return n;
    }

    public static Map<String, Object> node(String code, String title, Object points, List<Map<String, Object>> children) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("code", code);
        n.put("title", title);
        n.put("points", points);
        n.put("appliesTo", List.of());
        n.put("children", new ArrayList<>(children));
        return n;
    }
}
