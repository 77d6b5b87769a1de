package io.kaohe.workflow.diagram;

import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.kaohe.support.security.SecurityAudit;
import io.kaohe.workflow.cycles.CycleRoster;
import io.kaohe.workflow.process.Bpmn;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The cycle's process drawn: the models' BPMN, the count of units at each step, one unit's
 * position. Who may see what is decided here, on the cycle and the unit: the office and the
 * leaders the whole cycle and any unit; a unit's reporter or head only their own unit; an inspector
 * the units assigned to them. Every other caller is refused (403) and the refusal audited, before
 * the cycle is looked up (a 404 first would tell whether it exists).
 */
@Service
class CycleDiagram {

    private final JdbcClient db;
    private final CycleSteps steps;
    private final RepositoryService repository;
    private final CycleRoster roster;
    private final SecurityAudit audit;

    CycleDiagram(JdbcClient db, CycleSteps steps, RepositoryService repository, CycleRoster roster,
                 SecurityAudit audit) {
        this.db = db;
        this.steps = steps;
        this.repository = repository;
        this.roster = roster;
        this.audit = audit;
    }

    private record Cycle(String cycleId, String title, String processInstanceId) {
    }

    record Unit(String unitCode, String unitName, String category) {
    }

    /** The BPMN XML of a model: the version the cycle runs when one is named, else the newest deployed. */
    String model(String key, String cycleId, CurrentUser user, HttpServletRequest request) {
        if (!Bpmn.Process.ALL.contains(key)) {
            throw ProblemException.notFound("workflow.model.unknown", key);
        }
        if (!anyBusinessRole(user)) {
            refuse(user, request, "a model's diagram to a caller without a business role");
        }
        String definitionId;
        if (cycleId != null && !cycleId.isBlank()) {
            Cycle cycle = cycle(cycleId);
            definitionId = definitionRun(key, cycle, steps.of(cycle.cycleId(), cycle.processInstanceId())).getId();
        } else {
            definitionId = latest(key).getId();
        }
        try (InputStream xml = repository.getProcessModel(definitionId)) {
            return new String(xml.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many units wait at each step of each model, for the office and the leaders. */
    ProgressView progress(String cycleId, CurrentUser user, HttpServletRequest request) {
        // Refused before the cycle is looked up: a 404 would tell the caller whether the cycle exists.
        if (!user.hasRole(Roles.OFFICE_ADMIN) && !user.hasRole(Roles.LEADER)) {
            refuse(user, request, "cycle " + cycleId + "'s progress to a caller neither office nor leader");
        }
        Cycle cycle = cycle(cycleId);
        Map<String, Unit> units = units(cycleId);
        Map<String, Map<String, List<ActiveStep>>> byModel = new LinkedHashMap<>();
        Bpmn.Process.ALL.forEach(key -> byModel.put(key, new LinkedHashMap<>()));
        List<ActiveStep> active = steps.of(cycle.cycleId(), cycle.processInstanceId());
        for (ActiveStep s : active) {
            byModel.computeIfAbsent(s.model(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(s.activityId(), k -> new ArrayList<>()).add(s);
        }
        List<ProgressView.Model> models = new ArrayList<>();
        byModel.forEach((key, byActivity) -> {
            ProcessDefinition definition = definitionRun(key, cycle, active);
            StepName modelName = StepName.of(definition.getName());
            List<ProgressView.Step> stepsOfModel = new ArrayList<>();
            byActivity.forEach((activityId, here) -> {
                StepName name = StepName.of(here.get(0).name());
                Map<String, ProgressView.UnitThere> there = new LinkedHashMap<>();
                for (ActiveStep s : here) {
                    if (s.unitCode() == null) {
                        continue;
                    }
                    ProgressView.UnitThere known = there.get(s.unitCode());
                    Unit unit = units.get(s.unitCode());
                    there.put(s.unitCode(), new ProgressView.UnitThere(s.unitCode(),
                            unit == null ? null : unit.unitName(), known == null ? s.period() : known.period(),
                            earliest(known == null ? null : known.since(), s.since()),
                            s.overdue() || (known != null && known.overdue())));
                }
                List<ProgressView.UnitThere> listed = new ArrayList<>(there.values());
                listed.sort(Comparator.comparing(ProgressView.UnitThere::unitCode));
                stepsOfModel.add(new ProgressView.Step(activityId, name.zh(), name.en(), kind(here.get(0)),
                        listed.size(), (int) listed.stream().filter(ProgressView.UnitThere::overdue).count(),
                        here.size(), (int) here.stream().filter(ActiveStep::overdue).count(), listed));
            });
            stepsOfModel.sort(Comparator.comparing(ProgressView.Step::activityId));
            models.add(new ProgressView.Model(key, modelName.zh(), modelName.en(), definition.getVersion(), stepsOfModel));
        });
        return new ProgressView(cycle.cycleId(), cycle.title(), Instant.now(), models);
    }

    /** Where one unit stands: every step its processes wait in, what for, since when. */
    PositionView position(String cycleId, String unitCode, CurrentUser user, HttpServletRequest request) {
        boolean whole = user.hasRole(Roles.OFFICE_ADMIN) || user.hasRole(Roles.LEADER);
        boolean own = (user.hasRole(Roles.UNIT_REPORTER) || user.hasRole(Roles.UNIT_HEAD)) && user.actsForUnit(unitCode);
        boolean inspected = user.hasRole(Roles.INSPECTOR) && user.inspectionUnits().contains(unitCode);
        if (!whole && !own && !inspected) {
            refuse(user, request, "unit " + unitCode + "'s position in cycle " + cycleId + " to a caller not of it");
        }
        Cycle cycle = cycle(cycleId);
        Map<String, Unit> units = units(cycleId);
        Unit unit = Optional.ofNullable(units.get(unitCode))
                .orElseThrow(() -> ProblemException.notFound("workflow.cycle.unit-unknown", unitCode, cycleId));
        List<ActiveStep> here = steps.of(cycle.cycleId(), cycle.processInstanceId()).stream()
                .filter(s -> unitCode.equals(s.unitCode())).toList();
        Map<String, String> departments = here.stream().flatMap(s -> s.candidateGroups().stream())
                .anyMatch(g -> g.startsWith(Roles.DEPT_REVIEWER + ":")) ? roster.departmentNames() : Map.of();
        List<PositionView.Step> listed = new ArrayList<>();
        for (ActiveStep s : here) {
            StepName name = StepName.of(s.name());
            List<PositionView.Party> parties = s.candidateGroups().stream()
                    .map(g -> party(g, units, departments)).toList();
            String kind = kind(s);
            // A task's timers are its reminders, not what it waits for: only a timer step waits until a time.
            listed.add(new PositionView.Step(s.model(), s.activityId(), name.zh(), name.en(), kind, s.period(),
                    parties, s.since(), s.due(), "TIMER".equals(kind) ? s.until() : null, s.overdue()));
        }
        listed.sort(Comparator.comparing((PositionView.Step s) -> Bpmn.Process.ALL.indexOf(s.model()))
                .thenComparing(s -> s.since() == null ? Instant.MAX : s.since()));
        return new PositionView(cycle.cycleId(), unit.unitCode(), unit.unitName(), unit.category(), Instant.now(), listed);
    }

    /** A candidate group in words: its role, and the unit or department it is scoped to by name. */
    static PositionView.Party party(String group, Map<String, Unit> units, Map<String, String> departments) {
        int colon = group.indexOf(':');
        String role = colon < 0 ? group : group.substring(0, colon);
        String scope = colon < 0 ? null : group.substring(colon + 1);
        if (scope == null) {
            return new PositionView.Party(role, null, null, null, null);
        }
        if (Roles.DEPT_REVIEWER.equals(role)) {
            return new PositionView.Party(role, null, null, scope, departments.get(scope));
        }
        Unit unit = units.get(scope);
        return new PositionView.Party(role, scope, unit == null ? null : unit.unitName(), null, null);
    }

    private static String kind(ActiveStep s) {
        String type = s.activityType() == null ? "" : s.activityType();
        return switch (type) {
            case "userTask" -> "TASK";
            case "intermediateTimer" -> "TIMER";
            case "intermediateMessageCatch", "receiveTask", "intermediateSignalCatch" -> "MESSAGE";
            case "callActivity" -> "CALL";
            default -> "OTHER";
        };
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private int version(String definitionId) {
        ProcessDefinition definition = repository.getProcessDefinition(definitionId);
        return definition == null ? 0 : definition.getVersion();
    }

    /**
     * The version of a model the cycle runs: the newest its waiting steps run, else the newest its
     * process tree has run (it may have ended there), else — a model the cycle has not reached yet —
     * the newest deployed, which is what the cycle will start.
     */
    private ProcessDefinition definitionRun(String key, Cycle cycle, List<ActiveStep> active) {
        Optional<String> running = active.stream().filter(s -> key.equals(s.model())).map(ActiveStep::definitionId)
                .distinct().max(Comparator.comparing(this::version));
        Optional<String> ran = running.isPresent() ? running : db.sql("""
                        select d.id_ from act_hi_procinst p join act_re_procdef d on d.id_ = p.proc_def_id_
                        where p.root_proc_inst_id_ = ? and d.key_ = ? order by d.version_ desc limit 1
                        """).params(cycle.processInstanceId(), key).query(String.class).optional();
        return ran.map(repository::getProcessDefinition).orElseGet(() -> latest(key));
    }

    private ProcessDefinition latest(String key) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
    }

    private Cycle cycle(String cycleId) {
        return db.sql("select cycle_id, title, process_instance_id from cycle where cycle_id = ?").param(cycleId)
                .query((rs, n) -> new Cycle(rs.getString(1), rs.getString(2), rs.getString(3))).optional()
                .orElseThrow(() -> ProblemException.notFound("workflow.cycle.unknown", cycleId));
    }

    private Map<String, Unit> units(String cycleId) {
        Map<String, Unit> units = new HashMap<>();
        db.sql("select unit_code, unit_name, category from cycle_unit where cycle_id = ?").param(cycleId)
                .query((rs, n) -> units.put(rs.getString(1), new Unit(rs.getString(1), rs.getString(2), rs.getString(3))))
                .list();
        return units;
    }

    private static boolean anyBusinessRole(CurrentUser user) {
        return Roles.BUSINESS.stream().anyMatch(user::hasRole);
    }

    private void refuse(CurrentUser user, HttpServletRequest request, String what) {
        audit.deniedObject(user, request.getMethod(), request.getRequestURI(), 403, "refused " + what);
        throw ProblemException.forbidden("workflow.diagram.refused");
    }
}
