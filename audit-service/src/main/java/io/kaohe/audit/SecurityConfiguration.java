package io.kaohe.audit;

import io.kaohe.support.security.PlatformSecurity;
import io.kaohe.support.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * 三员分立: only the audit administrator reads the trail; the system and security administrators and every
 * business role are refused (and the refusal is itself audited). Nothing here changes a record.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http,
                            PlatformSecurity platform) throws Exception {
        // Its dead letters are audit records too: the audit administrator's, not the office's.
        return platform.apply(http, Roles.AUDIT_ADMIN)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/audit/**").hasRole(Roles.AUDIT_ADMIN)
                        .anyRequest().denyAll())
                .build();
    }
}
