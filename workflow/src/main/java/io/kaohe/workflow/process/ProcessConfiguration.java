package io.kaohe.workflow.process;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's additions: every user task's inbox attributes, and the models' service-task
 * delegates ({@link ProcessSteps}, on the outbox); and the event correlation the listeners use.
 */
@Configuration
class ProcessConfiguration {

    @Bean
    ProcessEnginePlugin taskAttributes(CommandSender sender) {
        return new TaskAttributes(sender);
    }

    @Bean
    ProcessSteps processSteps(CommandSender sender, AssessingDepartments departments) {
        return new ProcessSteps(sender, departments);
    }

    @Bean
    EventCorrelation eventCorrelation(ProcessEngine engine) {
        return new EventCorrelation(engine);
    }
}
