package io.kaohe.workflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.workflow.WorkflowIntegrationTest;
import java.time.LocalTime;
import java.time.ZoneId;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Camunda's history is removed once a finished process's model says (historyTimeToLive), by the engine's cleanup
 * job, which the application's configuration schedules at night.
 */
class HistoryCleanupIT extends WorkflowIntegrationTest {

    @Autowired
    HistoryService history;
    @Autowired
    RepositoryService repository;

    @Test
    void theCleanupJobIsScheduledInTheNightlyWindow() {
        var jobs = history.findHistoryCleanupJobs();
        assertThat(jobs).as("history cleanup job(s) the engine made at start").isNotEmpty();
        LocalTime due = jobs.get(0).getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
        assertThat(due).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
    }

    @Test
    void everyModelKeepsItsHistoryTenYears() {
        assertThat(repository.createProcessDefinitionQuery().latestVersion().list())
                .extracting(d -> d.getKey() + "=" + d.getHistoryTimeToLive())
                .contains("annual-cycle=3650", "unit-assessment=3650", "period-assessment=3650", "rectification=3650");
    }
}
