package io.kaohe.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Collaboration;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The models and the constants class agree: every id the code names exists, every user task is a known task type.
 * Every model carries its diagram (bpmndi), so that Camunda Modeler and the portal can draw it: a shape for every flow
 * node, an edge for every sequence flow, joined up, nothing drawn on top of anything else.
 */
class BpmnModelTest {

    private static final List<String> MODELS = List.of("annual-cycle", "unit-assessment", "period-assessment",
            "rectification", "chase");

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
        Set<String> known = new ProcessSteps(null, null, null).names();
        for (BpmnModelInstance model : models()) {
            for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
                assertThat(task.isCamundaAsyncBefore()).as(task.getId() + " is asynchronous").isTrue();
                String bean = task.getCamundaDelegateExpression().replaceAll("[${}]", "");
                assertThat(known).as(task.getId() + "'s delegate").contains(bean);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelNames")
    void theDiagramDrawsTheProcessOrItsPool(String name) throws Exception {
        BpmnModelInstance model = model(name);
        Process process = model.getModelElementsByType(Process.class).iterator().next();
        assertThat(model.getModelElementsByType(BpmnDiagram.class)).as(name + "'s diagrams").hasSize(1);
        BaseElement drawn = model.getModelElementsByType(BpmnDiagram.class).iterator().next().getBpmnPlane().getBpmnElement();
        if (drawn instanceof Collaboration collaboration) {
            assertThat(collaboration.getParticipants()).singleElement()
                    .satisfies(pool -> assertThat(pool.getProcess()).isSameAs(process));
            assertThat(shapes(model)).as("the pool is drawn").containsKey(collaboration.getParticipants().iterator().next().getId());
        } else {
            assertThat(drawn).isSameAs(process);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelNames")
    void everyFlowNodeHasAShapeAndEmbeddedSubProcessesAreDrawnOpen(String name) throws Exception {
        BpmnModelInstance model = model(name);
        Map<String, BpmnShape> shapes = shapes(model);
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            Box box = box(shapes, node);
            assertThat(box.width() > 0 && box.height() > 0).as("%s: %s has a size", name, node.getId()).isTrue();
            if (node instanceof SubProcess) {
                assertThat(shapes.get(node.getId()).isExpanded()).as("%s: %s is drawn open", name, node.getId()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelNames")
    void everySequenceFlowHasAnEdgeFromItsSourceToItsTarget(String name) throws Exception {
        BpmnModelInstance model = model(name);
        Map<String, BpmnShape> shapes = shapes(model);
        Map<String, BpmnEdge> edges = new HashMap<>();
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            assertThat(edge.getBpmnElement()).as("%s: %s draws an element of the model", name, edge.getId()).isNotNull();
            assertThat(edges.put(edge.getBpmnElement().getId(), edge)).as("%s: %s drawn once", name, edge.getId()).isNull();
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(edges).as("%s: the edge of %s", name, flow.getId()).containsKey(flow.getId());
            List<Waypoint> waypoints = List.copyOf(edges.get(flow.getId()).getWaypoints());
            assertThat(waypoints).as("%s: %s's waypoints", name, flow.getId()).hasSizeGreaterThanOrEqualTo(2);
            Waypoint first = waypoints.get(0);
            Waypoint last = waypoints.get(waypoints.size() - 1);
            assertThat(box(shapes, flow.getSource()).touches(first.getX(), first.getY()))
                    .as("%s: %s leaves %s", name, flow.getId(), flow.getSource().getId()).isTrue();
            assertThat(box(shapes, flow.getTarget()).touches(last.getX(), last.getY()))
                    .as("%s: %s reaches %s", name, flow.getId(), flow.getTarget().getId()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelNames")
    void boundaryEventsSitOnTheirActivitysBorder(String name) throws Exception {
        BpmnModelInstance model = model(name);
        Map<String, BpmnShape> shapes = shapes(model);
        for (BoundaryEvent event : model.getModelElementsByType(BoundaryEvent.class)) {
            Box box = box(shapes, event);
            assertThat(box(shapes, event.getAttachedTo()).hasOnItsBorder(box.centreX(), box.centreY()))
                    .as("%s: %s on the border of %s", name, event.getId(), event.getAttachedTo().getId()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelNames")
    void noShapeCoversAnotherAndSubProcessesHoldTheirSteps(String name) throws Exception {
        BpmnModelInstance model = model(name);
        Map<String, BpmnShape> shapes = shapes(model);
        Map<ModelElementInstance, List<FlowNode>> byContainer = new HashMap<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            byContainer.computeIfAbsent(node.getParentElement(), c -> new ArrayList<>()).add(node);
            if (node.getParentElement() instanceof SubProcess container) {
                assertThat(box(shapes, container).contains(box(shapes, node)))
                        .as("%s: %s inside %s", name, node.getId(), container.getId()).isTrue();
            }
        }
        for (List<FlowNode> siblings : byContainer.values()) {
            for (int i = 0; i < siblings.size(); i++) {
                for (int j = i + 1; j < siblings.size(); j++) {
                    FlowNode a = siblings.get(i);
                    FlowNode b = siblings.get(j);
                    if (attached(a, b) || attached(b, a)) {
                        continue;
                    }
                    assertThat(box(shapes, a).overlaps(box(shapes, b)))
                            .as("%s: %s and %s overlap", name, a.getId(), b.getId()).isFalse();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelNames")
    void eachStepOfAPoolIsInOneLaneAndDrawnInsideIt(String name) throws Exception {
        BpmnModelInstance model = model(name);
        Map<String, BpmnShape> shapes = shapes(model);
        Map<String, Integer> lanesOf = new HashMap<>();
        for (Lane lane : model.getModelElementsByType(Lane.class)) {
            Box laneBox = box(shapes, lane);
            for (FlowNode node : lane.getFlowNodeRefs()) {
                lanesOf.merge(node.getId(), 1, Integer::sum);
                assertThat(laneBox.contains(box(shapes, node)))
                        .as("%s: %s inside lane %s", name, node.getId(), lane.getId()).isTrue();
            }
        }
        if (!lanesOf.isEmpty()) {
            Process process = model.getModelElementsByType(Process.class).iterator().next();
            for (FlowNode node : process.getChildElementsByType(FlowNode.class)) {
                assertThat(lanesOf.get(node.getId())).as("%s: the lanes of %s", name, node.getId()).isEqualTo(1);
            }
        }
    }

    private static Box box(Map<String, BpmnShape> shapes, BaseElement element) {
        assertThat(shapes).as("the shape of %s", element.getId()).containsKey(element.getId());
        return Box.of(shapes.get(element.getId()));
    }

    private static boolean attached(FlowNode event, FlowNode activity) {
        return event instanceof BoundaryEvent boundary && boundary.getAttachedTo() == activity;
    }

    /** Every shape by the id of the element it draws; each draws an element of the model, once. */
    private static Map<String, BpmnShape> shapes(BpmnModelInstance model) {
        Map<String, BpmnShape> shapes = new HashMap<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            assertThat(shape.getBpmnElement()).as("%s draws an element of the model", shape.getId()).isNotNull();
            assertThat(shape.getBounds()).as("%s's bounds", shape.getId()).isNotNull();
            assertThat(shapes.put(shape.getBpmnElement().getId(), shape)).as("%s drawn once", shape.getId()).isNull();
        }
        return shapes;
    }

    /** A shape's bounds; a point on a line drawn to the shape may sit up to one pixel outside it. */
    private record Box(double x, double y, double width, double height) {

        private static final double SLACK = 1;

        static Box of(BpmnShape shape) {
            Bounds bounds = shape.getBounds();
            return new Box(bounds.getX(), bounds.getY(), bounds.getWidth(), bounds.getHeight());
        }

        double centreX() {
            return x + width / 2;
        }

        double centreY() {
            return y + height / 2;
        }

        boolean touches(double px, double py) {
            return px >= x - SLACK && px <= x + width + SLACK && py >= y - SLACK && py <= y + height + SLACK;
        }

        boolean hasOnItsBorder(double px, double py) {
            boolean onSide = (Math.abs(px - x) <= SLACK || Math.abs(px - x - width) <= SLACK) && py >= y && py <= y + height;
            boolean onTopOrBottom = (Math.abs(py - y) <= SLACK || Math.abs(py - y - height) <= SLACK) && px >= x && px <= x + width;
            return onSide || onTopOrBottom;
        }

        boolean contains(Box other) {
            return other.x >= x && other.y >= y && other.x + other.width <= x + width && other.y + other.height <= y + height;
        }

        boolean overlaps(Box other) {
            return other.x < x + width && x < other.x + other.width && other.y < y + height && y < other.y + other.height;
        }
    }

    static List<String> modelNames() {
        return MODELS;
    }

    private static List<BpmnModelInstance> models() throws Exception {
        List<BpmnModelInstance> models = new ArrayList<>();
        for (String name : MODELS) {
            models.add(model(name));
        }
        return models;
    }

    private static BpmnModelInstance model(String name) throws Exception {
        try (InputStream in = BpmnModelTest.class.getResourceAsStream("/bpmn/" + name + ".bpmn")) {
            BpmnModelInstance model = Bpmn.readModelFromStream(in);
            Bpmn.validateModel(model);
            return model;
        }
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
