package io.kaohe.rubric.versions;

import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.UnitTargets;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/rubric/versions")
@Tag(name = "指标体系版本 / rubric versions",
     description = "Drafts are the office's; published versions are immutable and readable by every authenticated user. "
             + "Edits of a draft carry its revision in If-Match (the ETag of GET /versions/{id}); a stale one is refused with 409.")
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
    @Operation(summary = "One version's header; the ETag is its revision, to send back in If-Match when editing")
    ResponseEntity<RubricVersion> get(@PathVariable UUID id) {
        RubricVersion version = visible(id);
        return ResponseEntity.ok().eTag(version.etag()).body(version);
    }

    @GetMapping(value = "/{id}/snapshot", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The whole indicator tree of a version (for per-unit targets: the shared sections)",
               description = "For a published indicator system the body is exactly the canonical JSON whose SHA-256 "
                       + "is the version's contentHash.",
               responses = @ApiResponse(responseCode = "200",
                       content = @Content(schema = @Schema(implementation = RubricSnapshot.class))))
    ResponseEntity<String> snapshot(@PathVariable UUID id) {
        RubricVersion version = visible(id);
        String body = version.kind() == RubricVersion.Kind.SYSTEM
                ? versions.publishedJson(id).orElseGet(() -> SnapshotJson.write(versions.content(id).system()))
                : SnapshotJson.write(versions.content(id).snapshot());
        return ResponseEntity.ok().eTag(version.etag()).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @GetMapping(value = "/{id}/targets", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Per-unit targets of a targets version: sections, common items and every unit's items",
               description = "Personal information (each unit's 责任人, 联系人, 电话 and each item's 责任领导, 具体责任人及电话): "
                       + "the office (and the services' client) reads all of it, a unit's own people their own "
                       + "unit's; for everyone else these fields are null. For the office and the services the body of "
                       + "a published version is exactly the canonical JSON whose SHA-256 is the version's contentHash.",
               responses = @ApiResponse(responseCode = "200",
                       content = @Content(schema = @Schema(implementation = UnitTargets.class))))
    ResponseEntity<String> targets(@PathVariable UUID id) {
        RubricVersion version = visible(id);
        if (version.kind() != RubricVersion.Kind.UNIT_TARGETS) {
            throw ProblemException.notFound("rubric.version.not-targets", id);
        }
        CurrentUser reader = CurrentUser.get();
        String body = PersonalFields.readsAll(reader)
                ? versions.publishedJson(id).orElseGet(() -> SnapshotJson.write(versions.content(id).targets()))
                : SnapshotJson.write(PersonalFields.visibleTo(versions.content(id).targets(), reader));
        return ResponseEntity.ok().eTag(version.etag()).cacheControl(CacheControl.noCache().cachePrivate())
                .contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @PostMapping
    @Operation(summary = "Create a draft version of an indicator system from its JSON (office)")
    ResponseEntity<RubricVersion> create(@RequestBody RubricSnapshot snapshot) {
        return created(versions.createDraft(VersionContent.of(snapshot), CurrentUser.get().username(), "json"));
    }

    @PostMapping("/targets")
    @Operation(summary = "Create a draft version of per-unit targets from its JSON (office)")
    ResponseEntity<RubricVersion> createTargets(@RequestBody UnitTargets targets) {
        return created(versions.createDraft(VersionContent.of(targets), CurrentUser.get().username(), "json"));
    }

    @PutMapping("/{id}/snapshot")
    @Operation(summary = "Replace a draft system's whole tree (office; If-Match: revision)")
    ResponseEntity<RubricVersion> replaceTree(@PathVariable UUID id, @RequestBody RubricSnapshot snapshot,
                                              @Parameter(description = "the revision edited, e.g. \"3\"")
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @RequestParam(required = false) Integer revision) {
        return changed(versions.replace(id, revision(ifMatch, revision), VersionContent.of(snapshot),
                CurrentUser.get().username()));
    }

    @PutMapping("/{id}/targets")
    @Operation(summary = "Replace a draft's per-unit targets (office; If-Match: revision)")
    ResponseEntity<RubricVersion> replaceTargets(@PathVariable UUID id, @RequestBody UnitTargets targets,
                                                 @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 @RequestParam(required = false) Integer revision) {
        return changed(versions.replace(id, revision(ifMatch, revision), VersionContent.of(targets),
                CurrentUser.get().username()));
    }

    @PutMapping("/{id}/nodes/{code}")
    @Operation(summary = "Edit one node of a draft: title, points, applicability, departments, rule … (office; If-Match)")
    ResponseEntity<RubricVersion> editNode(@PathVariable UUID id, @PathVariable String code, @RequestBody NodeEdit edit,
                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @RequestParam(required = false) Integer revision) {
        return changed(versions.editTree(id, revision(ifMatch, revision), CurrentUser.get().username(), "node-edited",
                roots -> TreeEdits.replace(roots, code, edit::applyTo)));
    }

    @PostMapping("/{id}/nodes")
    @Operation(summary = "Add a node (with its children) under a parent, or as a top-level indicator (office; If-Match)")
    ResponseEntity<RubricVersion> addNode(@PathVariable UUID id, @RequestBody IndicatorNode node,
                                          @Parameter(description = "the parent's code; none for a top-level indicator")
                                          @RequestParam(required = false) String parent,
                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          @RequestParam(required = false) Integer revision) {
        return changed(versions.editTree(id, revision(ifMatch, revision), CurrentUser.get().username(), "node-added",
                roots -> TreeEdits.addChild(roots, parent, node)));
    }

    @DeleteMapping("/{id}/nodes/{code}")
    @Operation(summary = "Remove a node and its children from a draft (office; If-Match)")
    ResponseEntity<RubricVersion> removeNode(@PathVariable UUID id, @PathVariable String code,
                                             @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                             @RequestParam(required = false) Integer revision) {
        return changed(versions.editTree(id, revision(ifMatch, revision), CurrentUser.get().username(), "node-removed",
                roots -> TreeEdits.remove(roots, code)));
    }

    @PostMapping("/{id}/copy")
    @Operation(summary = "Copy a version (typically a published one) into a new draft of the same system (office)")
    ResponseEntity<RubricVersion> copy(@PathVariable UUID id) {
        return created(versions.copy(id, CurrentUser.get().username()));
    }

    @PostMapping("/{id}/validation")
    @Operation(summary = "Validate a version: every problem at once, each located by its node path (office)")
    RubricVersions.Validation validate(@PathVariable UUID id) {
        return versions.validate(id);
    }

    @GetMapping("/{id}/acknowledgements")
    @Operation(summary = "Node codes whose points are accepted not to add up, with the conversion note each cites")
    Map<String, Integer> acknowledgements(@PathVariable UUID id) {
        visible(id);
        return versions.acknowledgements(id);
    }

    @PostMapping("/{id}/acknowledgements")
    @Operation(summary = "Accept that a node's points do not add up because the source document does not; only "
            + "with a conversion note of the draft that names the node (office)")
    ResponseEntity<Map<String, Integer>> acknowledge(@PathVariable UUID id, @RequestBody Acknowledgement body) {
        versions.acknowledge(id, body.nodeCode(), body.conversionNote(), CurrentUser.get().username());
        return ResponseEntity.ok(versions.acknowledgements(id));
    }

    @DeleteMapping("/{id}/acknowledgements")
    @Operation(summary = "Withdraw an acknowledgement (office)")
    ResponseEntity<Void> withdraw(@PathVariable UUID id, @RequestParam String node) {
        versions.withdrawAcknowledgement(id, node, CurrentUser.get().username());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/publish")
    @Operation(summary = "Publish a valid draft: it becomes immutable and RubricPublished is sent (office); "
            + "an invalid draft is refused with 400 and every problem in errors")
    RubricVersion publish(@PathVariable UUID id) {
        return versions.publish(id, CurrentUser.get().username());
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "Every change of the version: who, when, what (append-only); the before and after of "
            + "targets' personal fields for the office only")
    List<RubricVersions.HistoryEntry> history(@PathVariable UUID id) {
        visible(id);
        CurrentUser reader = CurrentUser.get();
        return versions.history(id).stream()
                .map(h -> new RubricVersions.HistoryEntry(h.id(), h.occurredAt(), h.actor(), h.action(), h.detail(),
                        PersonalFields.visibleTo(h.changes(), reader)))
                .toList();
    }

    @GetMapping("/{id}/diff")
    @Operation(summary = "What changed from this version to another: nodes added, removed, and changed field by field "
            + "(targets' personal fields as GET /targets shows them to the caller)")
    VersionDiff diff(@PathVariable UUID id, @RequestParam UUID to) {
        visible(id);
        visible(to);
        return versions.diff(id, to, CurrentUser.get());
    }

    /** Drafts are the office's working copies: others are told they do not exist. */
    private RubricVersion visible(UUID id) {
        return versions.find(id)
                .filter(v -> v.status() == RubricVersion.Status.PUBLISHED || CurrentUser.get().hasRole(Roles.OFFICE_ADMIN))
                .orElseThrow(() -> ProblemException.notFound("rubric.version.not-found", id));
    }

    /** The revision the editor started from: If-Match ("3", W/"3") or ?revision=3; one is required. */
    static int revision(String ifMatch, Integer revision) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            String value = ifMatch.strip();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            value = value.replace("\"", "");
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("rubric.version.revision-invalid", ifMatch);
            }
        }
        if (revision != null) {
            return revision;
        }
        throw new ProblemException(HttpStatus.PRECONDITION_REQUIRED, "rubric.version.revision-required");
    }

    private static ResponseEntity<RubricVersion> created(RubricVersion draft) {
        return ResponseEntity.created(URI.create("/api/rubric/versions/" + draft.id())).eTag(draft.etag()).body(draft);
    }

    private static ResponseEntity<RubricVersion> changed(RubricVersion version) {
        return ResponseEntity.ok().eTag(version.etag()).body(version);
    }

    record Acknowledgement(String nodeCode, int conversionNote) {
    }
}
