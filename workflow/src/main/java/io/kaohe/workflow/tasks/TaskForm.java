package io.kaohe.workflow.tasks;

import io.kaohe.support.problems.Faults;
import java.util.List;
import java.util.Map;

/**
 * What a person enters to complete a task of one type: a record validated with Bean Validation,
 * turned into the variables that drive the process ({@link #flow}) and the ones kept with the task
 * as the record of what was decided ({@link #record}, task-local, kept in the history).
 */
public interface TaskForm {

    /** Variables the model's gateways and later steps read. */
    default Map<String, Object> flow(Completion completion) {
        return Map.of();
    }

    /** Variables kept on the completed task only: who entered what. */
    default Map<String, Object> record(Completion completion) {
        return Map.of();
    }

    /** Faults only the task's context reveals (e.g. a problem of the notice without a measure). */
    default List<FormFault> faults(Completion completion) {
        return List.of();
    }
}
