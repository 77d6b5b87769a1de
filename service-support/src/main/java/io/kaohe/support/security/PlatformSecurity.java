package io.kaohe.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.context.support.WebApplicationContextUtils;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The part of every service's security that is the same everywhere: a stateless OAuth2
 * resource server (signature, issuer, audience and expiry are checked by the decoder that
 * {@code spring.security.oauth2.resourceserver.jwt.*} configures), Keycloak roles as
 * authorities, health, metrics and API docs open on the management port only, and audited 401/403
 * answers as problem details.
 * A service adds its own rules after {@link #apply}.
 */
public class PlatformSecurity {

    private final SecurityAudit audit;
    private final ObjectMapper json;
    private final MessageSource messages;
    private final LocaleResolver locales;

    public PlatformSecurity(SecurityAudit audit, ObjectMapper json, MessageSource messages, LocaleResolver locales) {
        this.audit = audit;
        this.json = json;
        this.messages = messages;
        this.locales = locales;
    }

    /** The common rules, a service's dead letters for the office. */
    public HttpSecurity apply(HttpSecurity http) throws Exception {
        return apply(http, Roles.OFFICE_ADMIN);
    }

    /**
     * The common rules, the service's dead letters (io.kaohe.support.deadletters: the events it could not consume,
     * read and replayed) for {@code deadLettersRole}: audit-service keeps its own for the audit administrator, since
     * its events are audit records (三员分立).
     */
    public HttpSecurity apply(HttpSecurity http, String deadLettersRole) throws Exception {
        AuthenticationEntryPoint unauthenticated = this::unauthenticated;
        AccessDeniedHandler forbidden = this::forbidden;
        return http
                // Bearer tokens only, no cookies: there is no session for a forged request to ride on.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new KeycloakAuthorities()))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .authorizeHttpRequests(a -> a
                        // Health, metrics and the OpenAPI documents answer on the management port only
                        // (management.server.port, springdoc.use-management-port), for the probes, the scraper
                        // and operators inside the cluster; nothing of them is open on the application port.
                        .requestMatchers(PlatformSecurity::onManagementPort).permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/api/*/dead-letters", "/api/*/dead-letters/**").hasRole(deadLettersRole));
    }

    /** Whether the request came in on the management server (its own port), not the application's. */
    static boolean onManagementPort(HttpServletRequest request) {
        return WebServerApplicationContext.hasServerNamespace(
                WebApplicationContextUtils.getWebApplicationContext(request.getServletContext()), "management");
    }

    private void unauthenticated(HttpServletRequest request, HttpServletResponse response,
                                 AuthenticationException exception) throws IOException {
        new BearerTokenAuthenticationEntryPoint().commence(request, response, exception);
        audit.denied(request, null, 401, exception.getMessage());
        writeProblem(request, response, HttpStatus.UNAUTHORIZED, "platform.unauthenticated");
    }

    private void forbidden(HttpServletRequest request, HttpServletResponse response,
                           org.springframework.security.access.AccessDeniedException exception) throws IOException {
        new BearerTokenAccessDeniedHandler().handle(request, response, exception);
        audit.denied(request, SecurityContextHolder.getContext().getAuthentication(), 403, exception.getMessage());
        writeProblem(request, response, HttpStatus.FORBIDDEN, "platform.forbidden");
    }

    private void writeProblem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                              String code) throws IOException {
        Locale locale = locales.resolveLocale(request);
        LocaleContextHolder.setLocale(locale);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, messages.getMessage(code, null, locale));
        problem.setTitle(messages.getMessage(code + ".title", null, status.getReasonPhrase(), locale));
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("code", code);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
