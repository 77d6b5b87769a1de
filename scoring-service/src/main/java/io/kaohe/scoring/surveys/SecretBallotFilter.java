package io.kaohe.scoring.surveys;

import io.kaohe.support.audit.AuditTrail;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A ballot's body (its code and ratings) is a secret: the audit record of a ballot request keeps neither its
 * digest nor its length ({@link AuditTrail#secretBody()}), since with the code a digest would confirm a guess of
 * the ratings. Runs after the audit's filter opened the request's context and before anything reads the body.
 */
@Configuration
class SecretBallotFilter {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> secretBallots() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                AuditTrail.secretBody();
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns(BallotController.CAST, BallotController.FORM);
        // Spring Security's chain is at DEFAULT_FILTER_ORDER, the audit's just before it.
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
