package io.kaohe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortalBrowserReportTest {

    private static final String REPORT = """
            TAP version 13
            # Subtest: a unit’s self-assessment, its review and its correction
                # Subtest: the unit fixes it
                ok 8 - the unit fixes it
                  ---
                  duration_ms: 10320.5
                  ...
                # Subtest: the department accepts the corrected item
                not ok 9 - the department accepts the corrected item
                  ---
                  duration_ms: 30012.4
                  failureType: 'testCodeFailure'
                  error: |-
                    locator.click: Timeout 30000ms exceeded.
                    Call log:
                      - waiting for locator('[data-item="1.1"]').locator('[data-test="accept"]')
                  ...
                1..9
            not ok 15 - a unit’s self-assessment, its review and its correction
            # pass 8
            # fail 1
            """;

    @Test
    void theFailuresComeFirstWithNodesAccountOfThem() {
        String failures = PortalBrowserIT.failures(REPORT);

        assertThat(failures).startsWith("FAILED JOURNEYS")
                .contains("not ok 9 - the department accepts the corrected item", "locator.click: Timeout 30000ms exceeded.",
                        "waiting for locator('[data-item=\"1.1\"]')", "not ok 15 - a unit’s self-assessment")
                .doesNotContain("ok 8 - the unit fixes it", "duration_ms: 10320.5");
    }

    @Test
    void aReportWithoutFailuresAddsNothing() {
        assertThat(PortalBrowserIT.failures(REPORT.replace("not ok", "ok"))).isEmpty();
    }

    @Test
    void theSlowRequestsOfTheBrowserAndThePlatformFollowTheFailures(@org.junit.jupiter.api.io.TempDir java.nio.file.Path logs)
            throws Exception {
        java.nio.file.Files.writeString(logs.resolve("gateway.log"), """
                {"message":"Started GatewayApplication"}
                {"message":"slow request: POST /api/workflow/cycles answered 200 (cancel) after 123585 ms; passed to workflow after 1 ms"}
                """);
        java.nio.file.Files.writeString(logs.resolve("workflow.pid"), "slow request: not a log");
        String report = REPORT + "# slow in the browser: GET http://127.0.0.1/api/notifications/unread-count 20021 ms — queued 20006 ms\n";

        String slow = PortalBrowserIT.slowRequests(report, logs);

        assertThat(slow).startsWith("SLOW REQUESTS:")
                .contains("# slow in the browser: GET http://127.0.0.1/api/notifications/unread-count 20021 ms — queued 20006 ms",
                        "gateway.log: {\"message\":\"slow request: POST /api/workflow/cycles answered 200 (cancel)")
                .doesNotContain("Started GatewayApplication", "not a log");
        assertThat(PortalBrowserIT.slowRequests(REPORT, logs.resolve("none"))).startsWith("no slow requests logged");
    }
}
