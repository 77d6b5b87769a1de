package io.kaohe.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.HttpStatusServerEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Browsers log in here (authorization code with PKCE against Keycloak) and keep a session;
 * the gateway relays the session's access token to the services. Scripts may instead send
 * their own bearer token, which is checked here too and passed on as it is.
 */
@Configuration
@EnableWebFluxSecurity
class EdgeSecurity {

    private static final ServerWebExchangeMatcher API = new PathPatternParserServerWebExchangeMatcher("/api/**");
    /** The only API paths open without a login: an anonymous ballot's form and the ballot itself. */
    static final String[] BALLOT_PATHS = {"/api/scoring/ballots", "/api/scoring/ballots/form"};

    @Bean
    SecurityWebFilterChain edge(ServerHttpSecurity http, ReactiveClientRegistrationRepository clients) {
        var entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegatingServerAuthenticationEntryPoint.DelegateEntry(API, new HttpStatusServerEntryPoint(HttpStatus.UNAUTHORIZED)));
        entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint("/oauth2/authorization/keycloak"));

        var logout = new OidcClientInitiatedServerLogoutSuccessHandler(clients);
        logout.setPostLogoutRedirectUri("{baseUrl}/");

        return http
                .authorizeExchange(a -> a
                        // /actuator/** answers on the management port only (management.server.port); the
                        // public port has no such handler and answers 404.
                        .pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/actuator/openapi",
                                "/actuator/openapi/**", "/actuator/swagger-ui", "/actuator/swagger-ui/**").permitAll()
                        .pathMatchers("/", "/index.html", "/favicon.ico", "/assets/**", "/login/**", "/oauth2/**",
                                "/logout").permitAll()
                        // 民主测评: a ballot is cast without an account, with its one-time code (in the body);
                        // these two paths and nothing else under /api are open (scoring checks the code).
                        .pathMatchers(HttpMethod.POST, BALLOT_PATHS).permitAll()
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().authenticated())
                .oauth2Login(login -> login.authorizationRequestResolver(pkce(clients)))
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> { }).authenticationEntryPoint(entryPoint))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
                .logout(l -> l.logoutSuccessHandler(logout))
                // The portal reads the XSRF-TOKEN cookie and sends it back as a header on writes;
                // requests that carry their own bearer token have no session to forge.
                .csrf(csrf -> csrf
                        .csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(EdgeSecurity::needsCsrfCheck))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                                        + "frame-ancestors 'none'; object-src 'none'; base-uri 'self'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /**
     * Spring Security would observe its own filter chain (before and after the handler), each authentication and
     * each authorization decision: four more observations per request — a span and timers each — beside the
     * request's own and the relay's to its service. Without them the gateway spends 8 % less CPU per request
     * (docs/benchmarks.md, Gateway). No dashboard or alert reads them (they use http_server_requests); the request's
     * trace, its span to the service and every check stay as they are.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * WebFlux makes the CSRF token only when something asks for it, so without this the
     * XSRF-TOKEN cookie the portal echoes on writes would never be set.
     */
    @Bean
    WebFilter csrfCookie() {
        return (exchange, chain) -> exchange.<Mono<CsrfToken>>getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty())
                .then(chain.filter(exchange));
    }

    /** PKCE on top of the confidential client's secret: a stolen code is useless without the verifier. */
    private static ServerOAuth2AuthorizationRequestResolver pkce(ReactiveClientRegistrationRepository clients) {
        var resolver = new DefaultServerOAuth2AuthorizationRequestResolver(clients);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return resolver;
    }

    private static reactor.core.publisher.Mono<ServerWebExchangeMatcher.MatchResult> needsCsrfCheck(
            org.springframework.web.server.ServerWebExchange exchange) {
        var request = exchange.getRequest();
        HttpMethod method = request.getMethod();
        boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.TRACE;
        String authorization = request.getHeaders().getFirst("Authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        return safe || bearer ? ServerWebExchangeMatcher.MatchResult.notMatch() : ServerWebExchangeMatcher.MatchResult.match();
    }
}
