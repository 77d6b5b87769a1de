package io.kaohe.workflow.diagram;

import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "diagram", description = "流程图：模型、各环节单位数与单位所处环节 / the process drawn")
class DiagramController {

    private final CycleDiagram diagram;

    DiagramController(CycleDiagram diagram) {
        this.diagram = diagram;
    }

    @GetMapping("/api/workflow/models/{key}")
    @Operation(summary = "A model's BPMN XML (annual-cycle, unit-assessment, period-assessment, rectification): the "
            + "version the cycle runs when cycleId is given, else the newest deployed. No personal data.")
    ResponseEntity<String> model(@PathVariable String key, @RequestParam(required = false) String cycleId,
                                 HttpServletRequest request) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .body(diagram.model(key, cycleId, CurrentUser.get(), request));
    }

    @GetMapping("/api/workflow/cycles/{cycleId}/progress")
    @Operation(summary = "Office and leaders: per model and step, how many of the cycle's units wait there now and how "
            + "many of them are overdue, with the steps' names in the users' words and the units by name")
    ProgressView progress(@PathVariable String cycleId, HttpServletRequest request) {
        return diagram.progress(cycleId, CurrentUser.get(), request);
    }

    @GetMapping("/api/workflow/cycles/{cycleId}/units/{unitCode}/position")
    @Operation(summary = "Where a unit stands: each step it waits in, who or what it waits for, since when, due, "
            + "overdue. Office and leaders any unit; a unit's reporter or head their own; an inspector assigned units")
    PositionView position(@PathVariable String cycleId, @PathVariable String unitCode, HttpServletRequest request) {
        return diagram.position(cycleId, unitCode, CurrentUser.get(), request);
    }
}
