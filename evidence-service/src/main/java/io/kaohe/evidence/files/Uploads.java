package io.kaohe.evidence.files;

import io.kaohe.evidence.access.Access;
import io.kaohe.support.security.CurrentUser;
import java.io.InputStream;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * New evidence in one request: a new file of a unit, or a new version of one of its files (earlier
 * versions stay as they are; what the new description leaves out is taken over from the current
 * version). The unit's people upload, and so does an inspector for a unit it inspects (on-site
 * photos); a withdrawn file gets no new version.
 */
@Service
class Uploads {

    private final FileAccess access;
    private final EvidenceStore store;
    private final DescriptionCheck descriptions;
    private final EvidenceIntake intake;

    Uploads(FileAccess access, EvidenceStore store, DescriptionCheck descriptions, EvidenceIntake intake) {
        this.access = access;
        this.store = store;
        this.descriptions = descriptions;
        this.intake = intake;
    }

    EvidenceViews.Uploaded upload(String unitCode, Description description, InputStream body, long declaredLength) {
        CurrentUser user = CurrentUser.get();
        // The inspection team adds what it finds on site (photos) to the units it inspects; it changes nothing else.
        if (!Access.inspects(user, unitCode)) {
            access.requireUnitWriter(user, unitCode, "evidence.unit.not-found", unitCode);
        }
        Description.Checked checked = descriptions.check(unitCode, description);
        return intake.store(user, unitCode, null, checked, body, declaredLength);
    }

    EvidenceViews.Uploaded replace(UUID evidenceId, Description description, InputStream body, long declaredLength) {
        CurrentUser user = CurrentUser.get();
        EvidenceStore.FileRow file = access.writable(user, evidenceId);
        file.state().moveTo(FileState.ACTIVE, evidenceId);
        EvidenceViews.Version current = store.versions(evidenceId).get(file.currentVersion() - 1);
        Description merged = new Description(file.cycleId(), file.period(),
                description.itemCodes() == null ? current.itemCodes() : description.itemCodes(),
                description.fileName() == null ? current.fileName() : description.fileName(),
                description.evidenceDate() == null ? current.evidenceDate().toString() : description.evidenceDate(),
                description.expiresOn() == null
                        ? (current.expiresOn() == null ? null : current.expiresOn().toString())
                        : description.expiresOn());
        Description.Checked checked = descriptions.check(file.unitCode(), merged);
        return intake.store(user, file.unitCode(), file, checked, body, declaredLength);
    }
}
