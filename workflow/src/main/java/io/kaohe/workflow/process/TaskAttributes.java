package io.kaohe.workflow.process;

import java.util.List;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Every user task of every model carries what the inbox shows and filters on as task-local
 * variables: the cycle, the unit, the period, the department, the category, the rectification and
 * problem, and the groups it is offered to. They are copied when the task is created, from
 * wherever in the process they live (a multi-instance element, a called process), so the inbox
 * filters the same way across models and their versions. Each creation is also told to whoever
 * notifies people ({@link TaskNotices}).
 */
public class TaskAttributes extends AbstractProcessEnginePlugin {

    private final TaskNotices notices;

    /** With every task's creation told to {@code sender} ({@link TaskNotices}: TaskCreated or TaskReturned). */
    public TaskAttributes(CommandSender sender) {
        this.notices = new TaskNotices(sender);
    }

    /** The task-local attributes; the inbox's filters and views use these names. */
    public static final List<String> COPIED = List.of(Bpmn.Var.CYCLE_ID, Bpmn.Var.UNIT_CODE, Bpmn.Var.PERIOD,
            Bpmn.Var.DEPARTMENT, Bpmn.Var.CATEGORY, Bpmn.Var.RECTIFICATION_ID, Bpmn.Var.PROBLEM_ID, Bpmn.Var.KIND,
            Bpmn.Var.APPEAL_ID, Bpmn.Var.ITEM_CODE, Bpmn.Var.CHASE_KIND);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, TaskAttributes::copy);
                // Appended after the model's own create listeners, so a due date they set is told too.
                task.addTaskListener(TaskListener.EVENTNAME_CREATE, notices);
            }
        });
    }

    static void copy(DelegateTask task) {
        for (String name : COPIED) {
            Object value = task.getExecution().getVariable(name);
            if (value != null) {
                task.setVariableLocal(name, value);
            }
        }
        TreeSet<String> groups = new TreeSet<>();
        for (IdentityLink link : task.getCandidates()) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
        }
        task.setVariableLocal(Bpmn.Var.CANDIDATE_GROUPS, String.join(",", groups));
    }
}
