package io.kaohe.workflow.schema;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Camunda's tables made current, then our indexes on them, before the engine starts (see {@link EngineSchema}). */
@Configuration(proxyBeanMethods = false)
class SchemaConfiguration {

    @Bean
    EngineSchema engineSchema(DataSource dataSource) {
        return new EngineSchema(dataSource);
    }

    /** Takes the schema bean so that Camunda's tables are there before their indexes. */
    @Bean
    EngineIndexes engineIndexes(DataSource dataSource, EngineSchema engineSchema) {
        return new EngineIndexes(dataSource);
    }
}
