package io.kaohe.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * The portal's browser journeys (npm run e2e in portal/: node's test runner driving Debian's chromium) as one process
 * on the shared platform, started once. They mostly wait on their cycles' clocks, as does {@link AnnualCycleE2EIT}'s
 * year: when the run includes {@link PortalBrowserIT} that class starts them before its own year, so that both wait at
 * once; PortalBrowserIT then awaits them and reads node's report in deploy/target/portal-e2e.out.
 */
final class BrowserJourneys {

    static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
    static final Path REPORT = RunningPlatform.root().resolve("deploy/target/portal-e2e.out");

    private static boolean planned;
    private static Process process;

    private BrowserJourneys() {
    }

    /** Starts the journeys now if this run will check them (PortalBrowserIT is in the plan) and they can run. */
    static synchronized void startIfPlanned() throws IOException {
        if (planned && Files.isExecutable(Path.of(CHROMIUM))
                && Files.isDirectory(RunningPlatform.root().resolve("portal/node_modules/playwright-core"))) {
            started();
        }
    }

    /** The journeys' process, started now unless it already was; the platform must be running. */
    static synchronized Process started() throws IOException {
        if (process == null) {
            ProcessBuilder npm = new ProcessBuilder("npm", "run", "e2e")
                    .directory(RunningPlatform.root().resolve("portal").toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(REPORT.toFile());
            npm.environment().put("PORTAL_BASE_URL", RunningPlatform.GATEWAY);
            npm.environment().put("CHROMIUM_PATH", CHROMIUM);
            process = npm.start();
            Process started = process;
            // A run cut short leaves no browser behind.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.descendants().forEach(ProcessHandle::destroy);
                started.destroy();
            }));
        }
        return process;
    }

    /** Registered in META-INF/services: notes, before any class runs, whether the plan includes PortalBrowserIT. */
    public static final class Plan implements TestExecutionListener {
        @Override
        public void testPlanExecutionStarted(TestPlan plan) {
            boolean includes = plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                    .anyMatch(test -> test.getSource().filter(ClassSource.class::isInstance)
                            .map(source -> ((ClassSource) source).getClassName().equals(PortalBrowserIT.class.getName()))
                            .orElse(false));
            synchronized (BrowserJourneys.class) {
                planned = includes;
            }
        }
    }
}
