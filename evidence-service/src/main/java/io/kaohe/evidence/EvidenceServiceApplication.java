package io.kaohe.evidence;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** 被考核单位的季度自评与佐证材料 / quarterly self-assessments and evidence files */
@SpringBootApplication
public class EvidenceServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(EvidenceServiceApplication.class, args);
    }
}
