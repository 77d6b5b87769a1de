package io.kaohe.workflow.schema;

import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;

/**
 * Our own indexes on Camunda's tables ({@code db/engine/indexes.xml}), applied after {@link EngineSchema} has made
 * the tables current and before the engine starts (Spring Boot orders every database initializer before the
 * engine: {@link EngineWaitsForSchema}). Their own change log table keeps them apart from Camunda's change sets,
 * so a Camunda upgrade's change log never sees them.
 */
public class EngineIndexes extends SpringLiquibase {

    static final String CHANGE_LOG = "classpath:db/engine/indexes.xml";

    public EngineIndexes(DataSource dataSource) {
        setDataSource(dataSource);
        setChangeLog(CHANGE_LOG);
        setDatabaseChangeLogTable("kaohe_engine_changelog");
        setDatabaseChangeLogLockTable("kaohe_engine_changelog_lock");
    }
}
