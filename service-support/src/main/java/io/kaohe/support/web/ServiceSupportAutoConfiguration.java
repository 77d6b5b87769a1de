package io.kaohe.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.support.audit.AuditWriter;
import io.kaohe.support.migration.PlatformSchemaMigration;
import io.kaohe.support.problems.BodyLimit;
import io.kaohe.support.problems.FaultMessages;
import io.kaohe.support.problems.ProblemAdvice;
import io.kaohe.support.problems.ProblemErrorController;
import io.kaohe.support.problems.Validated;
import jakarta.validation.Validator;
import java.time.Duration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import io.kaohe.support.security.PlatformSecurity;
import io.kaohe.support.security.SecurityAudit;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Security, problem details, migrations and API docs, the same in every service. Configured before
 * Spring MVC's own, so that {@link ProblemAdvice} is the one handler of MVC's exceptions (Boot adds
 * its problem-details handler, which would answer {@code @Valid} failures unlocated, only when there
 * is none).
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@Import({ProblemAdvice.class, ProblemErrorController.class})
public class ServiceSupportAutoConfiguration {

    /** Faults in the caller's language, refused in the one shape every service answers. */
    @Bean
    FaultMessages faultMessages(MessageSource messages) {
        return new FaultMessages(messages);
    }

    /** Bean Validation of request bodies read by hand, refused like {@code @Valid} ones. */
    @Bean
    Validated validated(Validator validator, MessageSource messages) {
        return new Validated(validator, messages);
    }

    /** JSON request bodies up to {@link io.kaohe.contracts.InputLimits#JSON_BODY_MAX_BYTES}; over it, 413. */
    @Bean
    FilterRegistrationBean<BodyLimit> bodyLimit() {
        FilterRegistrationBean<BodyLimit> registration = new FilterRegistrationBean<>(new BodyLimit());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /**
     * Every request's line, and those unanswered after a while with their thread's stack; inside the trace's
     * scope (Boot's observation filter runs first) and before security, whose token check it also watches.
     */
    @Bean
    FilterRegistrationBean<RequestLog> requestLog(@Value("${kaohe.slow-request-after:5s}") Duration after) {
        FilterRegistrationBean<RequestLog> registration = new FilterRegistrationBean<>(new RequestLog(after));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    SecurityAudit securityAudit(AuditWriter writer) {
        return new SecurityAudit(writer);
    }

    @Bean
    PlatformSecurity platformSecurity(SecurityAudit audit, ObjectMapper json, MessageSource messages,
                                      LocaleResolver localeResolver) {
        return new PlatformSecurity(audit, json, messages, localeResolver);
    }

    @Bean
    FlywayMigrationStrategy platformSchemaMigration() {
        return new PlatformSchemaMigration();
    }

    @Bean
    OpenAPI serviceApi(@Value("${spring.application.name}") String name,
                       @Value("${kaohe.api.description:}") String description) {
        return new OpenAPI()
                .info(new Info().title(name).description(description).version("v1"))
                .components(new Components().addSecuritySchemes("keycloak", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An access token from the kaohe realm, audience " + name)))
                .addSecurityItem(new SecurityRequirement().addList("keycloak"));
    }
}
