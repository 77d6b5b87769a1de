package io.kaohe.notification;

import io.kaohe.support.security.PlatformSecurity;
import io.kaohe.support.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every call needs a token for this service. A person reads and marks their own notifications and
 * keeps their own preferences (decided on the object: only notifications of their groups); the
 * delivery log is the office's.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, PlatformSecurity platform) throws Exception {
        return platform.apply(http)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/notifications/deliveries", "/api/notifications/deliveries/**")
                        .hasRole(Roles.OFFICE_ADMIN)
                        .requestMatchers("/api/notifications/**").authenticated()
                        .anyRequest().denyAll())
                .build();
    }
}
