package io.kaohe.workflow.process;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
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
    ProcessSteps processSteps(CommandSender sender, AssessingDepartments departments, PublicityCalendar publicity) {
        return new ProcessSteps(sender, departments, publicity);
    }

    /**
     * The publicity period's calendar from {@code kaohe.publicity}: {@code working-days}, {@code answer-days},
     * and per year the holidays and the weekend days worked ({@code holidays.2026=2026-10-01,…}).
     */
    @Bean
    PublicityCalendar publicityCalendar(Environment environment) {
        Binder binder = Binder.get(environment);
        int workingDays = binder.bind("kaohe.publicity.working-days", Integer.class)
                .orElse(PublicityCalendar.DEFAULT_WORKING_DAYS);
        int answerDays = binder.bind("kaohe.publicity.answer-days", Integer.class)
                .orElse(PublicityCalendar.DEFAULT_ANSWER_DAYS);
        return PublicityCalendar.of(workingDays, days(binder, "kaohe.publicity.holidays"),
                days(binder, "kaohe.publicity.workdays"), answerDays);
    }

    private static Map<String, Set<LocalDate>> days(Binder binder, String name) {
        Map<String, String> byYear = binder.bind(name, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        Map<String, Set<LocalDate>> days = new TreeMap<>();
        byYear.forEach((year, list) -> {
            Set<LocalDate> parsed = new TreeSet<>();
            for (String day : list.split(",")) {
                if (!day.isBlank()) {
                    LocalDate date = LocalDate.parse(day.strip());
                    if (!String.valueOf(date.getYear()).equals(year.strip())) {
                        throw new IllegalStateException(name + "." + year + " lists " + date + ", a day of another year");
                    }
                    parsed.add(date);
                }
            }
            days.put(year, parsed);
        });
        return days;
    }

    @Bean
    AppealFiling appealFiling(ProcessEngine engine, AssessingDepartments departments) {
        return new AppealFiling(engine, departments);
    }

    @Bean
    EventCorrelation eventCorrelation(ProcessEngine engine) {
        return new EventCorrelation(engine);
    }
}
