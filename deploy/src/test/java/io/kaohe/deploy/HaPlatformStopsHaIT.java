package io.kaohe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.servers.Readiness;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs after every other HA class: stopping the platform stops every process it started, none is left behind. */
@Order(Integer.MAX_VALUE)
class HaPlatformStopsHaIT {

    @Test
    void stoppingTheHaPlatformLeavesNoProcessAndNoOpenPort() throws Exception {
        LocalPlatform platform = RunningHaPlatform.start();
        List<ProcessHandle> processes = new ArrayList<>();
        for (String part : platform.parts()) {
            Optional<ProcessHandle> process = ProcessHandle.of(platform.pid(part));
            process.ifPresent(p -> {
                processes.add(p);
                processes.addAll(p.descendants().toList());
            });
        }
        assertThat(processes).hasSizeGreaterThanOrEqualTo(platform.parts().size());
        long t = System.nanoTime();
        platform.close();
        long stopMillis = (System.nanoTime() - t) / 1_000_000;
        // A stopped server's last children may take a moment to go (PostgreSQL's, a restarted node's).
        for (int i = 0; i < 30 && processes.stream().anyMatch(HaPlatformStopsHaIT::running); i++) {
            Thread.sleep(500);
        }
        assertThat(processes.stream().filter(HaPlatformStopsHaIT::running)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")))
                .as("processes left running").isEmpty();
        assertThat(RunningHaPlatform.ports().stream().filter(port -> Readiness.portOpen("127.0.0.1", port)))
                .as("ports still open").isEmpty();
        System.out.printf("HA platform stopped in %d ms: %d parts, %d processes, none left%n", stopMillis,
                platform.parts().size(), processes.size());
    }

    /** Alive and not a zombie (exited, waiting for its parent to collect its status: nothing runs). */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false; // gone meanwhile
        }
    }
}
