package io.kaohe.support.rubric;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The published versions this service works against, under the service's own prefix
 * ({@code kaohe.rubric-replica.api-path}): how an operator (and the end-to-end tests) see that
 * RubricPublished reached it.
 */
@RestController
class PublishedVersionsController {

    private final PublishedVersions versions;

    PublishedVersionsController(PublishedVersions versions) {
        this.versions = versions;
    }

    @GetMapping("${kaohe.rubric-replica.api-path}")
    @Operation(summary = "The published rubric versions this service works against")
    List<PublishedVersion> list() {
        return versions.all();
    }
}
