package io.kaohe.workflow.process;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * The delegates of the models' service tasks, by the bean name the models' delegate expressions
 * use. The application registers them as beans; process tests register the same objects, built
 * on a recorder of what is sent instead of the outbox.
 */
public final class ProcessSteps {

    private ProcessSteps() {
    }

    public static Map<String, JavaDelegate> all(CommandSender sender, AssessingDepartments departments,
                                                ScoringDecisions decisions) {
        Map<String, JavaDelegate> steps = new LinkedHashMap<>();
        steps.put("sendDeadlineReminder", new SendDeadlineReminder(sender));
        steps.put("markTaskOverdue", new MarkTaskOverdue(sender));
        steps.put("loadAssessingDepartments", new LoadAssessingDepartments(departments));
        steps.put("recordFindingDecisions", new RecordFindingDecisions(decisions));
        steps.put("openRectificationNotice", new OpenRectificationNotice(sender));
        steps.put("sendComputeScores", new SendComputeScores(sender));
        steps.put("publishGradesApproved", new PublishGradesApproved(sender));
        steps.put("publishCyclePublished", new PublishCyclePublished(sender));
        steps.put("openGradeRectification", new OpenGradeRectification(sender));
        steps.put("publishRectificationClosed", new PublishRectificationClosed(sender));
        return steps;
    }
}
