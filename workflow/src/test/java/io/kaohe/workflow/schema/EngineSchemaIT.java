package io.kaohe.workflow.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.testsupport.TestServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Camunda's tables under {@link EngineSchema}, on the real PostgreSQL: a new database, a database the previous Camunda
 * minor's own scripts made (with a finished year's history in it), and a database the engine made itself (every
 * release of the platform before this one) with a year in progress — each ends at this engine's version with nothing
 * lost, and an engine that never changes the schema (schema-update false) starts on it and goes on working.
 */
class EngineSchemaIT {

    /** camunda-engine of the previous minor, copied by workflow's pom (maven-dependency-plugin). */
    private static final Path PREVIOUS_ENGINE = Path.of("target/camunda-previous/camunda-engine.jar");
    private static final List<String> CREATE_SCRIPTS = List.of("engine", "history", "identity", "case.engine",
            "case.history", "decision.engine", "decision.history");

    @Test
    void aNewDatabaseGetsEveryTableFromCamundasChangeLog() {
        DataSource database = database("schema_new");
        migrate(database);

        assertThat(schemaVersion(database)).isEqualTo("7.24.0");
        // Camunda's baseline (7.16) and every upgrade after it, in order.
        assertThat(recorded(database)).startsWith("7.16.0-baseline").endsWith("7.24.0-tag");
        assertThat(schemaLog(database)).startsWith("7.16.0").endsWith("7.23.0", "7.24.0");
        // The indexes Camunda's schema lacks for task completion and job acquisition (docs/benchmarks.md).
        assertThat(ourIndexes(database)).containsExactly("act_ru_job(duedate_)", "act_ru_task(parent_task_id_)",
                "act_ru_task(task_def_key_)");
        ProcessEngine engine = engineWithoutSchemaUpdate(database, "schema-new");
        try {
            startsAYear(engine);
        } finally {
            engine.close();
        }
    }

    @Test
    void aDatabaseOfThePreviousMinorIsUpgradedKeepingItsHistory() throws Exception {
        assertThat(PREVIOUS_ENGINE).as("the previous camunda-engine copied by the pom").exists();
        DataSource database = database("schema_previous_minor");
        try (ZipFile jar = new ZipFile(PREVIOUS_ENGINE.toFile()); Connection connection = database.getConnection()) {
            for (String script : CREATE_SCRIPTS) {
                var entry = jar.getEntry("org/camunda/bpm/engine/db/create/activiti.postgres.create." + script + ".sql");
                ScriptUtils.executeSqlScript(connection, new ByteArrayResource(jar.getInputStream(entry).readAllBytes()));
            }
        }
        assertThat(schemaVersion(database)).isEqualTo("7.23.0");
        // Last year's cycle, finished under the previous release.
        JdbcClient.create(database).sql("""
                insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_,
                                             end_time_, state_)
                values ('p-2025', 'p-2025', 'cycle-2025', 'annual-cycle', 'annual-cycle:1:d-2025', ?, ?, 'COMPLETED')""")
                .params(java.sql.Timestamp.from(Instant.parse("2025-01-02T01:00:00Z")),
                        java.sql.Timestamp.from(Instant.parse("2026-01-20T01:00:00Z")))
                .update();

        migrate(database);

        assertThat(schemaVersion(database)).isEqualTo("7.24.0");
        // What the previous scripts had made was recorded up to its tag, not made again; then 7.23 → 7.24 ran.
        assertThat(recorded(database)).endsWith("7.23.0-tag", "7.23-to-7.24", "7.24.0-tag");
        assertThat(schemaLog(database)).containsExactly("7.23.0", "7.24.0");
        ProcessEngine engine = engineWithoutSchemaUpdate(database, "schema-previous-minor");
        try {
            assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey("cycle-2025")
                    .singleResult().getEndTime()).isEqualTo(java.util.Date.from(Instant.parse("2026-01-20T01:00:00Z")));
            startsAYear(engine);
        } finally {
            engine.close();
        }
    }

    @Test
    void aDatabaseTheEngineMadeItselfKeepsItsYearInProgress() {
        DataSource database = database("schema_engine_made");
        ProcessEngine previous = engine(database, "schema-engine-made-before", ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        try {
            startsAYear(previous);
        } finally {
            previous.close();
        }

        migrate(database);
        migrate(database);

        assertThat(schemaVersion(database)).isEqualTo("7.24.0");
        // Every change set recorded as applied (the engine had made these tables), none run: no upgrade in the log.
        assertThat(recorded(database)).startsWith("7.16.0-baseline").endsWith("7.24.0-tag");
        assertThat(schemaLog(database)).containsExactly("7.24.0");
        // The year in progress gets the indexes too, once (the second start finds them recorded).
        assertThat(ourIndexes(database)).containsExactly("act_ru_job(duedate_)", "act_ru_task(parent_task_id_)",
                "act_ru_task(task_def_key_)");
        ProcessEngine engine = engineWithoutSchemaUpdate(database, "schema-engine-made-after");
        try {
            var task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey("cycle-2026").singleResult();
            assertThat(task.getName()).isEqualTo("报送自评");
            engine.getTaskService().complete(task.getId());
            assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey("cycle-2026")
                    .finished().count()).isEqualTo(1);
        } finally {
            engine.close();
        }
    }

    @Test
    void aDatabaseOfANewerCamundaIsRefused() {
        DataSource database = database("schema_newer");
        migrate(database);
        JdbcClient.create(database).sql("insert into act_ge_schema_log values ('999999', current_timestamp, '7.99.0')").update();

        assertThatThrownBy(() -> migrate(database)).hasStackTraceContaining("7.99.0")
                .hasStackTraceContaining("cannot be downgraded");
    }

    @Test
    void namesTheChangeLogsTagOfAVersion() {
        assertThat(EngineSchema.minorTag("7.24.0")).isEqualTo("7.24.0");
        assertThat(EngineSchema.minorTag("7.24.3")).isEqualTo("7.24.0");
        assertThat(EngineSchema.minorTag("7.23.0-ee")).isEqualTo("7.23.0");
        assertThat(EngineSchema.minorTag("unknown")).isNull();
    }

    /** What the application does before its engine starts: Camunda's change log, then our indexes. */
    private static void migrate(DataSource database) {
        EngineSchema schema = new EngineSchema(database);
        schema.setResourceLoader(new DefaultResourceLoader());
        EngineIndexes indexes = new EngineIndexes(database);
        indexes.setResourceLoader(new DefaultResourceLoader());
        try {
            schema.afterPropertiesSet();
            indexes.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Our indexes on Camunda's tables, as "table(column)". */
    private static List<String> ourIndexes(DataSource database) {
        return JdbcClient.create(database).sql("""
                select t.relname || '(' || a.attname || ')' from pg_index x
                join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
                join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
                where i.relname like 'kaohe_idx_%' order by 1""").query(String.class).list();
    }

    private static DataSource database(String name) {
        var server = TestServers.postgres();
        return new DriverManagerDataSource(TestServers.database(name), server.user(), server.password());
    }

    private static String schemaVersion(DataSource database) {
        return JdbcClient.create(database).sql("select version_ from act_ge_schema_log order by cast(id_ as bigint) desc limit 1")
                .query(String.class).single();
    }

    /** Camunda's change sets Liquibase keeps as applied, in order. */
    private static List<String> recorded(DataSource database) {
        return JdbcClient.create(database).sql("select id from camunda_schema_changelog order by orderexecuted")
                .query(String.class).list();
    }

    /** The versions Camunda's own scripts wrote into its schema log, oldest first. */
    private static List<String> schemaLog(DataSource database) {
        return JdbcClient.create(database).sql("select version_ from act_ge_schema_log order by cast(id_ as bigint)")
                .query(String.class).list();
    }

    private static ProcessEngine engineWithoutSchemaUpdate(DataSource database, String name) {
        return engine(database, name, ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
    }

    private static ProcessEngine engine(DataSource database, String name, String schemaUpdate) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setDataSource(database);
        configuration.setDatabaseSchemaUpdate(schemaUpdate);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
        configuration.setJobExecutorActivate(false);
        configuration.setDbMetricsReporterActivate(false);
        configuration.setEnforceHistoryTimeToLive(false);
        return configuration.buildProcessEngine();
    }

    /** The engine deploys a model and starts a year that waits at its first task. */
    private static void startsAYear(ProcessEngine engine) {
        engine.getRepositoryService().createDeployment().addModelInstance("year.bpmn", year()).deploy();
        engine.getRuntimeService().startProcessInstanceByKey("year", "cycle-2026");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey("cycle-2026").count()).isEqualTo(1);
    }

    private static BpmnModelInstance year() {
        return Bpmn.createExecutableProcess("year").startEvent().userTask("submit").name("报送自评").endEvent().done();
    }
}
