package io.kaohe.workflow.process;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's additions: every user task's inbox attributes, and the delegates of the models'
 * service tasks as beans named as the models' delegate expressions say (the same names and
 * objects {@link ProcessSteps} gives the process tests).
 */
@Configuration
class ProcessConfiguration {

    @Bean
    ProcessEnginePlugin taskAttributes() {
        return new TaskAttributes();
    }

    @Bean
    EventCorrelation eventCorrelation(ProcessEngine engine) {
        return new EventCorrelation(engine, EventCorrelation.RectificationDefaults.SEED_003);
    }

    @Bean
    JavaDelegate sendDeadlineReminder(CommandSender sender) {
        return new SendDeadlineReminder(sender);
    }

    @Bean
    JavaDelegate markTaskOverdue(CommandSender sender) {
        return new MarkTaskOverdue(sender);
    }

    @Bean
    JavaDelegate loadAssessingDepartments(AssessingDepartments departments) {
        return new LoadAssessingDepartments(departments);
    }

    @Bean
    JavaDelegate recordFindingDecisions(ScoringDecisions decisions) {
        return new RecordFindingDecisions(decisions);
    }

    @Bean
    JavaDelegate openRectificationNotice(CommandSender sender) {
        return new OpenRectificationNotice(sender);
    }

    @Bean
    JavaDelegate sendComputeScores(CommandSender sender) {
        return new SendComputeScores(sender);
    }

    @Bean
    JavaDelegate publishGradesApproved(CommandSender sender) {
        return new PublishGradesApproved(sender);
    }

    @Bean
    JavaDelegate publishCyclePublished(CommandSender sender) {
        return new PublishCyclePublished(sender);
    }

    @Bean
    JavaDelegate openGradeRectification(CommandSender sender) {
        return new OpenGradeRectification(sender);
    }

    @Bean
    JavaDelegate publishRectificationClosed(CommandSender sender) {
        return new PublishRectificationClosed(sender);
    }
}
