package io.kaohe.support.audit;

import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Puts the audit record of an audited request into the request's own transaction, just before it
 * commits: a change that commits always has its record, one that rolls back leaves none. Registered
 * with the transaction manager (Spring Boot hands it every {@link TransactionExecutionListener} bean),
 * so it covers every way a service opens a transaction, Camunda's commands included.
 */
final class AuditTransactions implements TransactionExecutionListener {

    private final AuditWriter writer;

    AuditTransactions(AuditWriter writer) {
        this.writer = writer;
    }

    @Override
    public void afterBegin(TransactionExecution transaction, Throwable beginFailure) {
        if (beginFailure != null || !transaction.isNewTransaction() || transaction.isReadOnly()
                || AuditWriter.OWN_TRANSACTION.equals(transaction.getTransactionName())
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        AuditContext context = AuditContext.current();
        if (context == null || !context.audited() || context.changeRecorded()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new Recording(context));
    }

    private final class Recording implements TransactionSynchronization {

        private final AuditContext context;
        private boolean written;

        Recording(AuditContext context) {
            this.context = context;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            // The first committing transaction of the request carries its record; later ones of the same request do not.
            if (!readOnly && !context.changeRecorded()) {
                writer.committing(context);
                written = true;
            }
        }

        @Override
        public void afterCompletion(int status) {
            if (written && status == STATUS_COMMITTED) {
                context.changeRecorded(true);
            }
        }
    }
}
