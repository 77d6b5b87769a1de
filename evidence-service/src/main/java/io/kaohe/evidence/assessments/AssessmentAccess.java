package io.kaohe.evidence.assessments;

import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.evidence.access.Access;
import io.kaohe.support.problems.Faults;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who reaches a self-assessment, decided on it through {@link Access} (every refusal audited): the
 * unit's own people and the office and leaders always; once a version is submitted, the unit's
 * inspectors, and an assessing department's reviewers for the items their department assesses.
 * Anyone else is answered 404, as if it did not exist.
 */
@Component
class AssessmentAccess {

    private final AssessmentStore store;
    private final Access access;

    AssessmentAccess(AssessmentStore store, Access access) {
        this.store = store;
        this.access = access;
    }

    /** Who reads, and which items they see: all, or (for a department's reviewer) those the department assesses. */
    record Reader(CurrentUser user, String department) {

        static Reader ofAll(CurrentUser user) {
            return new Reader(user, null);
        }

        boolean sees(UnitItem item) {
            return department == null || item.assessingDepartments().contains(department);
        }
    }

    /** The assessment, if it exists; else 404 (audited). */
    AssessmentStore.Row existing(CurrentUser user, UUID id) {
        return store.load(id).orElseThrow(() -> access.hidden(user, "evidence.assessment.not-found", id,
                "no such assessment"));
    }

    /** How the caller reads the assessment; 404 (audited) for whoever may not read it. */
    Reader reader(CurrentUser user, AssessmentStore.Row row) {
        if (Access.readsEverything(user) || Access.belongsTo(user, row.unitCode())) {
            return Reader.ofAll(user);
        }
        if (row.submittedVersion() > 0) {
            if (Access.inspects(user, row.unitCode())) {
                return Reader.ofAll(user);
            }
            String department = Access.reviewingDepartment(user);
            if (department != null && store.items(row).values().stream()
                    .anyMatch(i -> i.assessingDepartments().contains(department))) {
                return new Reader(user, department);
            }
        }
        throw access.hidden(user, "evidence.assessment.not-found", row.id(),
                "self-assessment of unit " + row.unitCode() + " is not the caller's to read");
    }

    /** Only the unit opens its self-assessment: others who may read the unit's records get 403, the rest 404. */
    void requireUnitToOpen(CurrentUser user, String unitCode) {
        access.requireUnitMember(user, unitCode, "evidence.assessment.unit-only", "evidence.unit.not-found", unitCode);
    }

    /** Only the unit's own reporter or head edit its self-assessment; others who may read it get 403, the rest 404. */
    AssessmentStore.Row editable(CurrentUser user, UUID id) {
        AssessmentStore.Row row = existing(user, id);
        if (Access.belongsTo(user, row.unitCode())) {
            return row;
        }
        reader(user, row);
        throw access.forbidden(user, "evidence.assessment.unit-only", "only the unit's people edit its self-assessment");
    }

    /** Only the unit's head signs off (经部门主要领导签发): others who may read it get 403, the rest 404. */
    AssessmentStore.Row signable(CurrentUser user, UUID id) {
        AssessmentStore.Row row = existing(user, id);
        if (Access.headOf(user, row.unitCode())) {
            return row;
        }
        if (!Access.belongsTo(user, row.unitCode()) && !Access.readsEverything(user)
                && !Access.inspects(user, row.unitCode())) {
            reader(user, row); // a reviewer who can see it is refused 403 below; anyone else 404
        }
        throw access.forbidden(user, "evidence.sign-off.not-unit-head",
                "sign-off by someone who is not the head of unit " + row.unitCode(), row.unitCode());
    }

    /** The role in which the caller reviews the assessment: an inspector of its unit or a department's reviewer; else 403. */
    String reviewerRole(CurrentUser user, AssessmentStore.Row row) {
        if (Access.inspects(user, row.unitCode())) {
            return Roles.INSPECTOR;
        }
        if (Access.reviewingDepartment(user) != null) {
            return Roles.DEPT_REVIEWER;
        }
        throw access.forbidden(user, "evidence.review.not-reviewer", "only reviewers and inspectors review");
    }

    /** Refuses (403, audited) a review of items the caller's department does not assess, naming each. */
    void requireAssigned(CurrentUser user, Faults notAssigned) {
        if (notAssigned.any()) {
            throw access.forbidden(user, "evidence.review.not-assigned-items",
                    "review of items the caller's department does not assess", notAssigned.errors());
        }
    }
}
