package io.kaohe.scoring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** 计分规则、扣分加分及理由、总分、等次与汇总表 / rule evaluation, decisions with reasons, totals, grades, results tables */
@SpringBootApplication
public class ScoringServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ScoringServiceApplication.class, args);
    }
}
