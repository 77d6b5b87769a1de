package io.kaohe.workflow.tasks;

import io.kaohe.workflow.process.Bpmn;
import io.kaohe.workflow.process.CycleClock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Ledger entries as process variables: the list of problem ids, each entry's fields, each deadline on the engine's clock. */
final class Ledger {

    private Ledger() {
    }

    static Map<String, Object> variables(List<String> problemIds, List<Measure> measures, CycleClock clock) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Bpmn.Var.LEDGER_ITEMS, new ArrayList<>(problemIds));
        for (int i = 0; i < problemIds.size(); i++) {
            Measure m = measures.get(i);
            HashMap<String, String> entry = new HashMap<>();
            entry.put("problem", m.problem().strip());
            entry.put("measure", m.measure().strip());
            entry.put("responsibleLeader", m.responsibleLeader().strip());
            entry.put("responsibleOffice", m.responsibleOffice().strip());
            entry.put("deadline", m.deadline().toString());
            variables.put(Bpmn.Var.LEDGER_ + problemIds.get(i), entry);
            variables.put(Bpmn.Var.DEADLINE_AT_ + problemIds.get(i), Date.from(clock.endOf(m.deadline())));
        }
        return variables;
    }
}
