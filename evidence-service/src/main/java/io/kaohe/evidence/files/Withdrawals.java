package io.kaohe.evidence.files;

import io.kaohe.support.security.CurrentUser;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** A unit's people withdraw one of its files with a reason; nothing is deleted, the file just changes no more. */
@Service
class Withdrawals {

    private final FileAccess access;
    private final EvidenceStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Withdrawals(FileAccess access, EvidenceStore store, TransactionTemplate transaction, Clock clock) {
        this.access = access;
        this.store = store;
        this.transaction = transaction;
        this.clock = clock;
    }

    EvidenceViews.EvidenceFile withdraw(UUID evidenceId, String reason) {
        CurrentUser user = CurrentUser.get();
        access.writable(user, evidenceId);
        transaction.executeWithoutResult(tx -> {
            store.lock(evidenceId).state().moveTo(FileState.WITHDRAWN, evidenceId);
            store.withdraw(evidenceId, user.username(), reason.strip(), clock.instant());
        });
        return store.view(evidenceId);
    }
}
