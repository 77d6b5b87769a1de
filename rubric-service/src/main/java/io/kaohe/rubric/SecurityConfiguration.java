package io.kaohe.rubric;

import io.kaohe.support.security.PlatformSecurity;
import io.kaohe.support.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Only the assessment office changes rubrics; every authenticated user reads what is published.
 * The roster's personal data (contacts, the workbook export and imports) is the office's alone; a
 * unit or department reads its own contacts (decided on the object). The roster's people's accounts
 * are the system administrator's (三员分立: accounts are running the platform, not the assessment).
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, PlatformSecurity platform) throws Exception {
        return platform.apply(http)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/rubric/roster/export", "/api/rubric/roster/template",
                                "/api/rubric/roster/imports", "/api/rubric/roster/imports/**",
                                "/api/rubric/roster/contacts")
                        .hasRole(Roles.OFFICE_ADMIN)
                        .requestMatchers("/api/rubric/accounts", "/api/rubric/accounts/**").hasRole(Roles.SYSTEM_ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/rubric/**").authenticated()
                        .requestMatchers("/api/rubric/**").hasRole(Roles.OFFICE_ADMIN)
                        .anyRequest().denyAll())
                .build();
    }
}
