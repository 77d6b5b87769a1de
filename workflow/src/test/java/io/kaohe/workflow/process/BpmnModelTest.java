package io.kaohe.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** The models and the constants class agree: every id the code names exists, every user task is a known task type. */
class BpmnModelTest {

    private static final List<String> MODELS = List.of("annual-cycle", "unit-assessment", "period-assessment",
            "rectification");

    @Test
    void everyElementIdTheCodeNamesExistsInAModel() throws Exception {
        Set<String> ids = new HashSet<>();
        Set<String> messages = new HashSet<>();
        for (BpmnModelInstance model : models()) {
            model.getModelElementsByType(BaseElement.class).forEach(e -> ids.add(e.getId()));
            model.getModelElementsByType(Message.class).forEach(m -> messages.add(m.getName()));
        }
        assertThat(ids).containsAll(constants(io.kaohe.workflow.process.Bpmn.Task.class));
        assertThat(ids).containsAll(constants(io.kaohe.workflow.process.Bpmn.Element.class));
        assertThat(ids).containsAll(constants(io.kaohe.workflow.process.Bpmn.Process.class));
        assertThat(messages).containsExactlyInAnyOrderElementsOf(constants(io.kaohe.workflow.process.Bpmn.Message.class));
    }

    @Test
    void everyUserTaskIsAKnownTaskTypeWithACandidateGroup() throws Exception {
        List<String> userTasks = new ArrayList<>();
        for (BpmnModelInstance model : models()) {
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                userTasks.add(task.getId());
                assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isNotBlank();
            }
        }
        assertThat(userTasks).containsExactlyInAnyOrderElementsOf(io.kaohe.workflow.process.Bpmn.Task.ALL);
    }

    @Test
    void everyServiceTaskIsAnAsynchronousStepWithOneKnownDelegate() throws Exception {
        Set<String> known = new ProcessSteps(null, null).names();
        for (BpmnModelInstance model : models()) {
            for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
                assertThat(task.isCamundaAsyncBefore()).as(task.getId() + " is asynchronous").isTrue();
                String bean = task.getCamundaDelegateExpression().replaceAll("[${}]", "");
                assertThat(known).as(task.getId() + "'s delegate").contains(bean);
            }
        }
    }

    private static List<BpmnModelInstance> models() throws Exception {
        List<BpmnModelInstance> models = new ArrayList<>();
        for (String name : MODELS) {
            try (InputStream in = BpmnModelTest.class.getResourceAsStream("/bpmn/" + name + ".bpmn")) {
                BpmnModelInstance model = Bpmn.readModelFromStream(in);
                Bpmn.validateModel(model);
                models.add(model);
            }
        }
        return models;
    }

    private static List<String> constants(Class<?> holder) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field field : holder.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }
}
