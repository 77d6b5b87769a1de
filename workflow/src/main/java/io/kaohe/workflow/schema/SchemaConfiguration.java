package io.kaohe.workflow.schema;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Camunda's tables made current before the engine starts (see {@link EngineSchema}). */
@Configuration(proxyBeanMethods = false)
class SchemaConfiguration {

    @Bean
    EngineSchema engineSchema(DataSource dataSource) {
        return new EngineSchema(dataSource);
    }
}
