package io.kaohe.audit;

import com.zaxxer.hikari.HikariDataSource;
import io.kaohe.audit.chain.ChainAppender;
import io.kaohe.audit.chain.ChainVerifier;
import io.kaohe.audit.intake.KeycloakEvents;
import io.kaohe.audit.monitoring.TrailMeters;
import io.kaohe.audit.retention.ArchiveFiles;
import io.kaohe.audit.retention.Archiver;
import io.kaohe.audit.search.VerificationRuns;
import io.kaohe.support.clients.ServiceClientsConfiguration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/** The chain's verifier, the archive, the Keycloak import and their schedules; the runtime database role. */
@Configuration
class TrailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TrailConfiguration.class);
    /**
     * Keycloak's admin API is read with the services' account (kaohe-services), which the realm also grants
     * realm-management's view-events: no client and secret of audit-service's own to install.
     */
    static final String KEYCLOAK_REGISTRATION = ServiceClientsConfiguration.REGISTRATION;

    @Bean
    ArchiveFiles archiveFiles(@Value("${kaohe.audit.archive-dir}") String folder) {
        return new ArchiveFiles(Path.of(folder).toAbsolutePath());
    }

    @Bean
    ChainVerifier chainVerifier(JdbcTemplate jdbc, Clock clock, ArchiveFiles files) {
        return new ChainVerifier(jdbc, clock, files::sm3);
    }

    @Bean
    VerificationRuns verificationRuns(ChainVerifier verifier, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new VerificationRuns(verifier, jdbc, transactions);
    }

    @Bean
    Archiver archiver(JdbcTemplate jdbc, TransactionTemplate transaction, ChainAppender chain, ArchiveFiles files,
                      @Value("${kaohe.audit.retention}") Duration retention,
                      @Value("${kaohe.audit.archive-batch:100000}") int batch,
                      @Value("${spring.application.name}") String service, Clock clock) {
        return new Archiver(jdbc, transaction, chain, files, retention, batch, service, clock);
    }

    @Bean
    KeycloakEvents keycloakEvents(RestClient.Builder builder, OAuth2AuthorizedClientManager manager, JdbcTemplate jdbc,
                                  TransactionTemplate transaction, ChainAppender chain,
                                  @Value("${kaohe.audit.keycloak.admin-url:}") String adminUrl,
                                  @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) {
        OAuth2ClientHttpRequestInterceptor token = new OAuth2ClientHttpRequestInterceptor(manager);
        token.setClientRegistrationIdResolver(request -> KEYCLOAK_REGISTRATION);
        String base = adminUrl.isBlank() ? issuer.replace("/realms/", "/admin/realms/") : adminUrl;
        return new KeycloakEvents(builder.clone().baseUrl(base).requestInterceptor(token).build(), jdbc, transaction, chain);
    }

    @Bean
    TrailMeters trailMeters(JdbcTemplate jdbc, Clock clock) {
        return new TrailMeters(jdbc, clock);
    }

    @Bean
    Schedules auditSchedules(Archiver archiver, KeycloakEvents keycloak, VerificationRuns verifications, JdbcTemplate jdbc,
                             Clock clock, @Value("${kaohe.audit.verify-every}") Duration verifyEvery) {
        return new Schedules(archiver, keycloak, verifications, jdbc, clock, verifyEvery);
    }

    /**
     * The service's connections work as the append-only role ({@code kaohe.audit.runtime-role}): it may
     * INSERT and SELECT the trail, never UPDATE, DELETE or TRUNCATE it. Flyway migrates with its own
     * connection as the owner. Empty: the login role is used as it is (it should then be that role).
     */
    @Bean
    static BeanPostProcessor auditRuntimeRole(@Value("${kaohe.audit.runtime-role:}") String role) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) throws BeansException {
                if (bean instanceof HikariDataSource hikari && role.matches("[a-z_][a-z0-9_]*")) {
                    hikari.setConnectionInitSql("set role " + role);
                }
                return bean;
            }
        };
    }

    static final class Schedules {

        /** Who the verification runs this service starts itself are recorded as. */
        static final String SCHEDULED = "audit-service (scheduled)";

        private final Archiver archiver;
        private final KeycloakEvents keycloak;
        private final VerificationRuns verifications;
        private final JdbcTemplate jdbc;
        private final Clock clock;
        private final Duration verifyEvery;

        Schedules(Archiver archiver, KeycloakEvents keycloak, VerificationRuns verifications, JdbcTemplate jdbc, Clock clock,
                  Duration verifyEvery) {
            this.archiver = archiver;
            this.keycloak = keycloak;
            this.verifications = verifications;
            this.jdbc = jdbc;
            this.clock = clock;
            this.verifyEvery = verifyEvery;
        }

        /**
         * The chain verified on a schedule, so a broken chain raises the operator's alert
         * (kaohe_audit_chain_intact) without anyone asking. A replica skips its turn when another one (or the
         * auditor) verified within half the period.
         */
        @Scheduled(initialDelayString = "${kaohe.audit.verify-first-after}", fixedDelayString = "${kaohe.audit.verify-every}")
        void verifyChain() {
            try {
                java.sql.Timestamp last = jdbc.queryForObject("select max(finished_at) from verification_run",
                        java.sql.Timestamp.class);
                if (last != null && last.toInstant().isAfter(clock.instant().minus(verifyEvery.dividedBy(2)))) {
                    return;
                }
                VerificationRuns.Run run = verifications.verify(SCHEDULED);
                if (run.result().intact()) {
                    log.info("audit chain intact: {} record(s) verified", run.result().verifiedCount());
                } else {
                    log.error("AUDIT CHAIN BROKEN: {} problem(s), the first: {}", run.result().problems().size(),
                            run.result().firstProblem());
                }
            } catch (RuntimeException e) {
                log.error("verifying the audit chain failed; will try again", e);
            }
        }

        @Scheduled(initialDelayString = "${kaohe.audit.keycloak.import-every}",
                   fixedDelayString = "${kaohe.audit.keycloak.import-every}")
        void importKeycloakEvents() {
            try {
                int appended = keycloak.importNew();
                if (appended > 0) {
                    log.info("imported {} Keycloak event(s) into the audit chain", appended);
                }
            } catch (RuntimeException e) {
                log.warn("importing Keycloak's events failed; will try again: {}", e.getMessage());
            }
        }

        @Scheduled(initialDelayString = "${kaohe.audit.archive-every}", fixedDelayString = "${kaohe.audit.archive-every}")
        void archiveExpired() {
            try {
                while (archiver.run().isPresent()) {
                    // Each run takes one batch; go on while there is more to archive.
                }
            } catch (RuntimeException e) {
                log.error("archiving expired audit records failed; will try again", e);
            }
        }
    }
}
