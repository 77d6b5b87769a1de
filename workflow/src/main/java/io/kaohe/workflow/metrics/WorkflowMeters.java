package io.kaohe.workflow.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/**
 * The engine's state as Prometheus gauges: {@code kaohe.workflow.incidents.open} (jobs that failed all
 * their retries, waiting for an operator) and {@code kaohe.workflow.tasks.overdue} (open tasks past their
 * due date). Every replica counts the same database (take the max); counted at most every {@link #FRESH_FOR}.
 */
@Component
class WorkflowMeters implements MeterBinder {

    static final Duration FRESH_FOR = Duration.ofSeconds(15);

    private record Counts(long incidents, long overdueTasks) {
    }

    private final RuntimeService runtime;
    private final TaskService tasks;
    private volatile Counts last = new Counts(0, 0);
    private volatile long readAt = System.nanoTime() - FRESH_FOR.toNanos() - 1;

    WorkflowMeters(RuntimeService runtime, TaskService tasks) {
        this.runtime = runtime;
        this.tasks = tasks;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("kaohe.workflow.incidents.open", this, self -> self.counts().incidents())
                .description("Open Camunda incidents: jobs that failed every retry and wait for an operator")
                .register(registry);
        Gauge.builder("kaohe.workflow.tasks.overdue", this, self -> self.counts().overdueTasks())
                .description("Open tasks past their due date")
                .register(registry);
    }

    private synchronized Counts counts() {
        if (System.nanoTime() - readAt > FRESH_FOR.toNanos()) {
            try {
                last = new Counts(runtime.createIncidentQuery().count(),
                        tasks.createTaskQuery().active().dueBefore(new Date()).count());
            } catch (RuntimeException engineUnavailable) {
                // The health endpoint reports the database; the scrape keeps the last counts.
            }
            readAt = System.nanoTime();
        }
        return last;
    }
}
