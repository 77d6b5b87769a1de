package io.kaohe.evidence.rubrics;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RubricVersionsController {

    private final PublishedRubrics rubrics;

    RubricVersionsController(PublishedRubrics rubrics) {
        this.rubrics = rubrics;
    }

    @GetMapping("/api/evidence/rubric-versions")
    @Operation(summary = "The published rubric versions this service works against")
    List<KnownRubricVersion> list() {
        return rubrics.all();
    }
}
