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
        assertThat(processes.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().command().orElse("?")))
                .as("processes left running").isEmpty();
        assertThat(RunningHaPlatform.ports().stream().filter(port -> Readiness.portOpen("127.0.0.1", port)))
                .as("ports still open").isEmpty();
        System.out.printf("HA platform stopped in %d ms: %d parts, %d processes, none left%n", stopMillis,
                platform.parts().size(), processes.size());
    }
}
