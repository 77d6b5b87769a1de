package io.kaohe.workflow.process;

import io.kaohe.testsupport.TestServers;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * The process engine of the process tests: Camunda on a real PostgreSQL (the embedded test server,
 * database {@code workflow_process_tests}), the application's engine settings (history level audit,
 * Java serialization of JDK collections only, the task attributes plugin, the models' steps from
 * {@link ProcessSteps} on a recorder of what is sent instead of the outbox), no job executor: the
 * tests run jobs themselves and move the engine's clock.
 */
final class ProcessTestEngine {

    private static final RecordedCommands COMMANDS = new RecordedCommands();
    /** Five working days; 2016's New Year and Spring Festival holidays off, 6 February 2016 (a Saturday) worked. */
    static final PublicityCalendar PUBLICITY = new PublicityCalendar(5,
            java.util.Set.of(java.time.LocalDate.of(2016, 1, 1), java.time.LocalDate.of(2016, 2, 8)),
            java.util.Set.of(java.time.LocalDate.of(2016, 2, 6)), 3);

    private static ProcessEngine engine;

    private ProcessTestEngine() {
    }

    static synchronized ProcessEngine get() {
        if (engine == null) {
            StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
            configuration.setProcessEngineName("workflow-process-tests");
            configuration.setJdbcDriver("org.postgresql.Driver");
            configuration.setJdbcUrl(TestServers.database("workflow_process_tests"));
            configuration.setJdbcUsername(TestServers.postgres().user());
            configuration.setJdbcPassword(TestServers.postgres().password());
            configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
            configuration.setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
            configuration.setJobExecutorActivate(false);
            configuration.setEnforceHistoryTimeToLive(false);
            configuration.setJavaSerializationFormatEnabled(true);
            configuration.setDeserializationTypeValidationEnabled(true);
            configuration.setDbMetricsReporterActivate(false);
            configuration.setProcessEnginePlugins(List.of(new TaskAttributes(COMMANDS),
                    new ProcessSteps(COMMANDS, new FixedDepartments(), PUBLICITY)));
            engine = configuration.buildProcessEngine();
        }
        return engine;
    }

    /** What the engine's steps sent (the tests clear it before each test). */
    static RecordedCommands commands() {
        return COMMANDS;
    }
}
