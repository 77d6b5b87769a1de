package io.kaohe.audit;

import java.time.Clock;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * 审计日志 / the audit trail. {@code java -jar audit-service.jar --verify} verifies the chain without
 * starting the service (see {@link VerifyCommand}).
 */
@SpringBootApplication
public class AuditServiceApplication {

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--verify")) {
            System.exit(VerifyCommand.run(args, System.getenv(), System.out));
        }
        SpringApplication.run(AuditServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
