package io.kaohe.scoring;

import io.kaohe.support.security.PlatformSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Every API call needs a token for this service; what a caller may see is decided on the object. */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, PlatformSecurity platform) throws Exception {
        return platform.apply(http)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/scoring/**").authenticated()
                        .anyRequest().denyAll())
                .build();
    }
}
