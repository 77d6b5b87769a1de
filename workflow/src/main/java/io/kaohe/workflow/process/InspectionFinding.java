package io.kaohe.workflow.process;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One finding of the mid-year inspection: the item, the problem, where it was found (e.g. 实地检查,
 * 查阅资料, 座谈), the deduction the team proposes (none if null) and the evidence it rests on. Kept in
 * the process as a plain map of strings, so the engine never deserializes a class of ours.
 */
public record InspectionFinding(String itemCode, String problem, String source, BigDecimal proposedDeduction,
                                List<String> evidence, String date) {

    public InspectionFinding {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public boolean deducts() {
        return proposedDeduction != null && proposedDeduction.signum() > 0;
    }

    public HashMap<String, String> toVariable() {
        HashMap<String, String> map = new HashMap<>();
        map.put("itemCode", itemCode);
        map.put("problem", problem);
        map.put("source", source);
        map.put("proposedDeduction", proposedDeduction == null ? null : proposedDeduction.toPlainString());
        map.put("evidence", String.join("\n", evidence));
        map.put("date", date);
        return map;
    }

    public static InspectionFinding fromVariable(Map<String, String> map) {
        String deduction = map.get("proposedDeduction");
        String evidence = map.get("evidence");
        return new InspectionFinding(map.get("itemCode"), map.get("problem"), map.get("source"),
                deduction == null ? null : new BigDecimal(deduction),
                evidence == null || evidence.isEmpty() ? List.of() : Arrays.asList(evidence.split("\n")), map.get("date"));
    }

    /** The findings of a process variable written by {@link #toVariables}. */
    @SuppressWarnings("unchecked")
    public static List<InspectionFinding> fromVariables(Object variable) {
        List<InspectionFinding> findings = new ArrayList<>();
        if (variable instanceof List<?> list) {
            for (Object entry : list) {
                findings.add(fromVariable((Map<String, String>) entry));
            }
        }
        return findings;
    }

    public static ArrayList<HashMap<String, String>> toVariables(List<InspectionFinding> findings) {
        ArrayList<HashMap<String, String>> list = new ArrayList<>();
        findings.forEach(f -> list.add(f.toVariable()));
        return list;
    }
}
