package io.kaohe.rubric.versions;

import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/rubric/versions")
@Tag(name = "指标体系版本 / rubric versions")
class RubricVersionController {

    private final RubricVersions versions;

    RubricVersionController(RubricVersions versions) {
        this.versions = versions;
    }

    @GetMapping
    @Operation(summary = "List versions: everyone sees published ones, the office also drafts")
    List<RubricVersion> list() {
        return versions.list(CurrentUser.get().hasRole(Roles.OFFICE_ADMIN));
    }

    @GetMapping("/{id}")
    RubricVersion get(@PathVariable UUID id) {
        return visible(id);
    }

    @GetMapping("/{id}/snapshot")
    @Operation(summary = "The whole indicator tree of a version, as published")
    RubricSnapshot snapshot(@PathVariable UUID id) {
        visible(id);
        return versions.snapshot(id);
    }

    @PostMapping
    @Operation(summary = "Create a draft version of an indicator system (office)")
    ResponseEntity<RubricVersion> create(@RequestBody RubricSnapshot snapshot) {
        RubricVersion draft = versions.createDraft(snapshot, CurrentUser.get().username());
        return ResponseEntity.created(URI.create("/api/rubric/versions/" + draft.id())).body(draft);
    }

    @PostMapping("/{id}/publish")
    @Operation(summary = "Publish a draft: it becomes immutable and RubricPublished is sent (office)")
    RubricVersion publish(@PathVariable UUID id) {
        return versions.publish(id, CurrentUser.get().username());
    }

    /** Drafts are the office's working copies: others are told they do not exist. */
    private RubricVersion visible(UUID id) {
        return versions.find(id)
                .filter(v -> v.status() == RubricVersion.Status.PUBLISHED || CurrentUser.get().hasRole(Roles.OFFICE_ADMIN))
                .orElseThrow(() -> ProblemException.notFound("rubric.version.not-found", id));
    }
}
