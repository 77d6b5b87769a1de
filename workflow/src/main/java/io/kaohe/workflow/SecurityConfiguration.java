package io.kaohe.workflow;

import io.kaohe.support.security.PlatformSecurity;
import io.kaohe.support.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every call needs a token. Opening cycles and handing over people's tasks are the office's;
 * the leader's views of proposals are the leader's and the office's. Which task a caller may
 * see or act on is then decided on the task (its candidate groups against the caller's).
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, PlatformSecurity platform) throws Exception {
        return platform.apply(http)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/workflow/cycles", "/api/workflow/handovers")
                        .hasRole(Roles.OFFICE_ADMIN)
                        .requestMatchers("/api/workflow/cycles/*/proposal/**").hasAnyRole(Roles.OFFICE_ADMIN, Roles.LEADER)
                        .requestMatchers("/api/workflow/**").authenticated()
                        .anyRequest().denyAll())
                .build();
    }
}
