package io.kaohe.workflow.process;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;

/**
 * The one list of the models' service-task delegates, by the name the models' delegate expressions
 * use. As a process engine plugin it makes them the engine's expression beans, and the only beans a
 * model's expression can name; the application installs it on the outbox, the process tests on a
 * recorder of what is sent.
 */
public final class ProcessSteps extends AbstractProcessEnginePlugin {

    private final Map<String, JavaDelegate> steps;

    public ProcessSteps(CommandSender sender, AssessingDepartments departments, PublicityCalendar publicity) {
        RectificationStart rectifications = new RectificationStart(RectificationStart.Defaults.SEED_003);
        Map<String, JavaDelegate> all = new LinkedHashMap<>();
        all.put("sendDeadlineReminder", new SendDeadlineReminder(sender));
        all.put("markTaskOverdue", new MarkTaskOverdue(sender));
        all.put("joinChase", new JoinChase());
        all.put("loadAssessingDepartments", new LoadAssessingDepartments(departments));
        all.put("recordFindingDecisions", new RecordFindingDecisions(sender));
        all.put("openRectificationNotice", new OpenRectificationNotice(sender, rectifications));
        all.put("sendComputeScores", new SendComputeScores(sender));
        all.put("publishGradesApproved", new PublishGradesApproved(sender));
        all.put("startPublicity", new StartPublicity(publicity));
        all.put("recordAppealCorrection", new RecordAppealCorrection(sender));
        all.put("closeAppeal", new CloseAppeal(sender));
        all.put("publishCyclePublished", new PublishCyclePublished(sender));
        all.put("openGradeRectification", new OpenGradeRectification(sender, rectifications));
        all.put("publishRectificationClosed", new PublishRectificationClosed(sender));
        this.steps = Collections.unmodifiableMap(all);
    }

    /** Every step by its name. */
    public Map<String, JavaDelegate> all() {
        return steps;
    }

    public Set<String> names() {
        return steps.keySet();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Map<Object, Object> beans = new HashMap<>(steps);
        configuration.setBeans(beans);
        // Spring's engine factory made its expression manager before plugins run, when there were no
        // beans yet (it then resolves every Spring bean); this one resolves the steps and nothing else.
        configuration.setExpressionManager(new JuelExpressionManager(beans));
    }
}
