package io.kaohe.rubric;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Indicator systems, the unit roster, per-unit targets, imports and exports. */
@SpringBootApplication
public class RubricServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RubricServiceApplication.class, args);
    }
}
