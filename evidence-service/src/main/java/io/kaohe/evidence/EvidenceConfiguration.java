package io.kaohe.evidence;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class EvidenceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
