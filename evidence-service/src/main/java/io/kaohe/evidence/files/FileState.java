package io.kaohe.evidence.files;

import io.kaohe.support.problems.ProblemException;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Whether an evidence file is in use or withdrawn (stored as {@code evidence_file.withdrawn_at}). A
 * file in use gets new versions (ACTIVE → ACTIVE) or is withdrawn with a reason (ACTIVE → WITHDRAWN);
 * a withdrawn file changes no more, its versions and bytes kept for audit.
 */
enum FileState {

    ACTIVE, WITHDRAWN;

    static FileState of(Instant withdrawnAt) {
        return withdrawnAt == null ? ACTIVE : WITHDRAWN;
    }

    boolean canMoveTo(FileState target) {
        return this == ACTIVE;
    }

    /** The target, if the file may move there; else 409 naming the file and both states. */
    FileState moveTo(FileState target, UUID evidenceId) {
        if (!canMoveTo(target)) {
            throw ProblemException.conflict("evidence.file.withdrawn", evidenceId, label(), target.label());
        }
        return target;
    }

    /** The state's name in the caller's language, resolved when the problem detail is written. */
    DefaultMessageSourceResolvable label() {
        return new DefaultMessageSourceResolvable(new String[] {"evidence.file-state." + name()}, name());
    }
}
