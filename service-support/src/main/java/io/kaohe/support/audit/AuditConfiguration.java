package io.kaohe.support.audit;

import io.kaohe.support.events.EventPublisher;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The audit trail every service keeps alike: each write, each marked export or download and each
 * refusal becomes an {@code AuditRecorded} event in the outbox (issue 15; audit-service keeps them).
 */
@AutoConfiguration
public class AuditConfiguration {

    @Bean
    AuditWriter auditWriter(EventPublisher events, PlatformTransactionManager transactions,
                            @Value("${spring.application.name}") String service) {
        return new AuditWriter(events, transactions, service, Clock.systemUTC());
    }

    @Bean
    static TransactionExecutionListener auditTransactions(ObjectProvider<AuditWriter> writer) {
        return new LazyAuditTransactions(writer);
    }

    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter(AuditWriter writer) {
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(new AuditFilter(writer));
        // Before Spring Security's chain, so that its refusals find the request's context.
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    @Bean
    WebMvcConfigurer auditInterceptor() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new AuditInterceptor());
            }
        };
    }

    /**
     * The transaction manager is built before the outbox it would write to exists; the listener finds
     * the writer at the first transaction instead of at start-up.
     */
    static final class LazyAuditTransactions implements TransactionExecutionListener {

        private final ObjectProvider<AuditWriter> writer;
        private volatile AuditTransactions delegate;

        LazyAuditTransactions(ObjectProvider<AuditWriter> writer) {
            this.writer = writer;
        }

        @Override
        public void afterBegin(TransactionExecution transaction, Throwable failure) {
            if (AuditContext.current() == null) {
                return;
            }
            AuditTransactions listener = delegate;
            if (listener == null) {
                listener = new AuditTransactions(writer.getObject());
                delegate = listener;
            }
            listener.afterBegin(transaction, failure);
        }
    }
}
