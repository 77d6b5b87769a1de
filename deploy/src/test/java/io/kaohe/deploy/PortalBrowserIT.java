package io.kaohe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The portal's browser journeys (portal/e2e, node's test runner driving Debian's chromium through
 * playwright-core) against the shared platform, as a person uses it through the gateway ({@link BrowserJourneys}:
 * they may have started beside AnnualCycleE2EIT's year). The screenshots land in portal/target/screenshots, node's
 * report in deploy/target/portal-e2e.out.
 */
@Order(30)
class PortalBrowserIT {

    // "# pass 12" from the TAP reporter (output to a file), "ℹ pass 12" from the spec reporter.
    private static final Pattern PASSED = Pattern.compile("^(?:#|ℹ) pass (\\d+)\\s*$", Pattern.MULTILINE);
    private static final Pattern NOT_OK = Pattern.compile("^\\s*not ok \\d+ - .*");
    private static final Pattern FAILED = Pattern.compile("^(?:#|ℹ) fail (\\d+)\\s*$", Pattern.MULTILINE);

    @Test
    void everyRolesJourneyPassesInChromium() throws Exception {
        assertThat(Files.isExecutable(Path.of(BrowserJourneys.CHROMIUM)))
                .as("the browser tests drive Debian's chromium at %s and need a CJK font: "
                        + "sudo apt-get install -y --no-install-recommends chromium fonts-noto-cjk "
                        + "(or set CHROMIUM_PATH); .ci/run installs them", BrowserJourneys.CHROMIUM)
                .isTrue();
        assertThat(RunningPlatform.root().resolve("portal/node_modules/playwright-core"))
                .as("portal's npm ci ran (the portal module builds first)").isDirectory();
        RunningPlatform.start();
        // Started by AnnualCycleE2EIT beside its year when both run; now otherwise.
        Process run = BrowserJourneys.started();
        boolean finished = run.waitFor(30, TimeUnit.MINUTES);
        if (!finished) {
            run.descendants().forEach(ProcessHandle::destroy);
            run.destroy();
        }
        Path report = BrowserJourneys.REPORT;
        // The failures first: a CI log keeps only the start of a long message.
        String journeys = Files.readString(report);
        String output = failures(journeys);
        if (!output.isEmpty()) {
            // Where the time went when a page waited: the browser's slow requests, the platform's own.
            output += slowRequests(journeys, RunningPlatform.root().resolve("deploy/target/e2e-data-" + RunningPlatform.OFFSET + "/logs"));
        }
        output += journeys;
        if (!finished || run.exitValue() != 0) {
            System.out.println(output);
        }
        assertThat(finished).as("npm run e2e finished within 30 minutes:\n%s", output).isTrue();
        assertThat(run.exitValue()).as("npm run e2e exit code:\n%s", output).isZero();
        assertThat(count(PASSED, output)).as("tests passed, per node's report:\n%s", output).isPositive();
        assertThat(count(FAILED, output)).as("tests failed, per node's report:\n%s", output).isZero();
    }

    /** Each failed test's name and node's account of it (error, call log, stack), or nothing when none failed. */
    static String failures(String report) {
        StringBuilder failures = new StringBuilder();
        String[] lines = report.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (!NOT_OK.matcher(lines[i]).matches()) {
                continue;
            }
            failures.append(lines[i].strip()).append('\n');
            for (int j = i + 1, kept = 0; j < lines.length && !lines[j].strip().equals("...") && kept < 60; j++, kept++) {
                failures.append(lines[j]).append('\n');
            }
        }
        return failures.isEmpty() ? "" : "FAILED JOURNEYS (node's report follows in full):\n" + failures + "\n";
    }

    /**
     * The journeys' "slow in the browser" lines (browser.mjs: how long a request waited to leave and for its answer)
     * and the platform's "slow request" lines (the gateway's: before or after it passed the request on; each
     * service's, with its thread's stack), at most 40 of each, or nothing when there are none.
     */
    static String slowRequests(String report, Path logs) throws java.io.IOException {
        StringBuilder slow = new StringBuilder();
        report.lines().filter(line -> line.contains("slow in the browser")).limit(40)
                .forEach(line -> slow.append(line.strip()).append('\n'));
        if (Files.isDirectory(logs)) {
            try (var files = Files.list(logs)) {
                for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(log).stream().filter(line -> line.contains("slow request")).toList();
                    lines.stream().limit(40).forEach(line -> slow.append(log.getFileName()).append(": ")
                            .append(line, 0, Math.min(line.length(), 4000)).append('\n'));
                    if (lines.size() > 40) {
                        slow.append(log.getFileName()).append(": ").append(lines.size() - 40).append(" slow-request lines more\n");
                    }
                }
            }
        }
        return slow.isEmpty() ? "no slow requests logged (browser or platform)\n\n" : "SLOW REQUESTS:\n" + slow + "\n";
    }

    private static int count(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
