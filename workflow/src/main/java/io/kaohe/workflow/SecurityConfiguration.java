package io.kaohe.workflow;

import io.kaohe.support.security.PlatformSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Every inbox call needs a token; which tasks a caller sees is decided from its roles, unit and department. */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, PlatformSecurity platform) throws Exception {
        return platform.apply(http)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/workflow/**").authenticated()
                        .anyRequest().denyAll())
                .build();
    }
}
