package io.kaohe.workflow.tasks;

import io.kaohe.workflow.process.CycleClock;
import java.util.Map;

/**
 * Who completes a task and what the task knows: its variables (as the process sees them from the
 * task) and the cycle's clock, to place calendar dates (a ledger entry's deadline) on the engine's time.
 */
public record Completion(String username, CycleClock clock, Map<String, Object> taskVariables) {
}
