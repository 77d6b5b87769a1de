package io.kaohe.evidence.assessments;

import io.kaohe.contracts.events.ReportingPeriod;
import io.kaohe.support.audit.Audited;
import io.kaohe.support.exports.ListWorkbook;
import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@Tag(name = "self-assessments", description = "季度自评: draft, prepare, sign-off, review, versions")
class SelfAssessmentsController {

    private final Drafting drafting;
    private final SignOff signOff;
    private final Reviews reviews;
    private final AssessmentQueries queries;
    private final NonSubmitters nonSubmitters;

    SelfAssessmentsController(Drafting drafting, SignOff signOff, Reviews reviews, AssessmentQueries queries,
                              NonSubmitters nonSubmitters) {
        this.nonSubmitters = nonSubmitters;
        this.drafting = drafting;
        this.signOff = signOff;
        this.reviews = reviews;
        this.queries = queries;
    }

    @PostMapping("/api/evidence/units/{unitCode}/self-assessments")
    @Operation(summary = "Open the unit's self-assessment for a cycle and period",
            description = "One line per item the unit is assessed on in the cycle's rubric version. Opening an open "
                    + "one answers it (200) instead of a new one (201).")
    ResponseEntity<AssessmentViews.Assessment> open(@PathVariable String unitCode,
                                                    @Valid @RequestBody AssessmentViews.OpenRequest request) {
        Drafting.Opened opened = drafting.open(unitCode, request);
        if (opened.created()) {
            return ResponseEntity.created(URI.create("/api/evidence/self-assessments/" + opened.assessment().id()))
                    .body(opened.assessment());
        }
        return ResponseEntity.ok(opened.assessment());
    }

    @GetMapping("/api/evidence/self-assessments")
    @Operation(summary = "The self-assessments the caller may see",
            description = "A unit's people see their unit's; reviewers and inspectors the submitted ones they review; "
                    + "the office and leaders all.")
    List<AssessmentViews.Summary> list(@RequestParam(required = false) String cycleId,
                                       @RequestParam(required = false) String period,
                                       @RequestParam(required = false) String unitCode) {
        return queries.list(cycleId, period, unitCode);
    }

    @GetMapping("/api/evidence/cycles/{cycleId}/non-submitters.xlsx")
    @Audited(action = "export", object = "cycle")
    @Operation(summary = "The units that have not submitted (未报送单位) for a period, as .xlsx",
            description = "Per period (?period=Q1…YEAR; without it every period open on the cycle's calendar) the units "
                    + "whose self-assessment is not signed off: 被考核单位, 单位类别, 期间, 状态 (未开始/草稿/待签发/已退回), "
                    + "到期日, 逾期天数 (blank while not due), 填报人, 最后更新. The office and leaders get every unit, an "
                    + "inspector its units; others 403.")
    ResponseEntity<StreamingResponseBody> nonSubmitters(@PathVariable String cycleId,
                                                        @RequestParam(required = false) String period) {
        String wanted = period == null || period.isBlank() ? null : period.strip();
        NonSubmitters.Listing listing = nonSubmitters.of(CurrentUser.get(), cycleId, wanted);
        return ListWorkbook.download(listing.title() + "未报送单位" + (wanted == null ? "" : "（"
                        + ReportingPeriod.chineseName(wanted) + "）") + ".xlsx", "未报送单位",
                NonSubmitters.COLUMNS, book -> NonSubmitters.write(book, listing.rows()));
    }

    @GetMapping("/api/evidence/self-assessments/{id}")
    @Operation(summary = "A self-assessment: its lines (a department's reviewer sees its own items only), review "
            + "status, attached evidence and submitted versions")
    AssessmentViews.Assessment get(@PathVariable UUID id) {
        return queries.get(id);
    }

    @PutMapping("/api/evidence/self-assessments/{id}/draft")
    @Operation(summary = "Save the draft (partial is fine)",
            description = "draftVersion is the version the editor loaded; if someone saved in between, 409 and nothing "
                    + "changes. After a return only the returned items can be changed.")
    AssessmentViews.Assessment saveDraft(@PathVariable UUID id,
                                         @Valid @RequestBody AssessmentViews.DraftRequest request) {
        return drafting.saveDraft(id, request);
    }

    @PostMapping("/api/evidence/self-assessments/{id}/prepare")
    @Operation(summary = "Prepare for the unit head's sign-off (every item complete)")
    AssessmentViews.Assessment prepare(@PathVariable UUID id, @Valid @RequestBody AssessmentViews.StepRequest request) {
        return signOff.prepare(id, request);
    }

    @PostMapping("/api/evidence/self-assessments/{id}/sign-off")
    @Operation(summary = "Sign off (经部门主要领导签发): only the unit's head; publishes SelfAssessmentSubmitted",
            description = "Signed after the period's due date, it is accepted and marked late.")
    AssessmentViews.Assessment signOff(@PathVariable UUID id, @Valid @RequestBody AssessmentViews.StepRequest request) {
        return signOff.signOff(id, request);
    }

    @GetMapping("/api/evidence/self-assessments/{id}/versions/{version}")
    @Operation(summary = "A submitted version as signed off, with what changed since the version before")
    AssessmentViews.Version version(@PathVariable UUID id, @PathVariable int version) {
        return queries.version(id, version);
    }

    @PostMapping("/api/evidence/self-assessments/{id}/reviews")
    @Operation(summary = "Accept or return (退回补充) items of the latest submitted version",
            description = "Assessing departments review the items they assess, inspectors any item of their units. "
                    + "Publishes SubmissionAccepted / SubmissionReturned.")
    AssessmentViews.Version review(@PathVariable UUID id, @Valid @RequestBody AssessmentViews.ReviewRequest request) {
        return reviews.review(id, request);
    }
}
