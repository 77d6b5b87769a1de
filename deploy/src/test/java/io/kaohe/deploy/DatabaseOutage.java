package io.kaohe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Drill 5: PostgreSQL is killed (SIGKILL, as a crash) while requests flow and started again on the same data. While
 * it is down the services answer 503 with a problem detail that says to try again (never a 500 or a stack trace);
 * once it is back every service answers again without anyone restarting it, and what was written before the crash
 * is still there.
 */
final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /**
     * Reads of three services go on while PostgreSQL is killed 5 s in and brought back ({@code down} later where the
     * drill starts it). A request in flight at the crash is answered 503; one that arrives while the database is down
     * waits for a connection (up to the pool's 30 s) and is answered once it is back. {@code some503} says the outage
     * is long enough that some must see a 503.
     */
    static void drill(DrillTarget target, Duration down, boolean some503) throws Exception {
        String token = target.token("reporter.sjw");
        String saved = "{\"emailEnabled\":true,\"webhookEnabled\":false,\"webhookFormat\":\"GENERIC\",\"digest\":true,"
                + "\"digestAt\":\"07:45\",\"language\":\"en\"}";
        HttpResponse<String> before = RunningPlatform.HTTP.send(DrillLoad.json("PUT", target.entry()
                + "/api/notifications/preferences", token, saved), HttpResponse.BodyHandlers.ofString());
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);

        long downMillis;
        long restartMillis;
        long recoveredMillis;
        DrillLoad reads = new DrillLoad("reads", n -> DrillLoad.json("GET", target.entry() + switch (n % 3) {
            case 0 -> "/api/notifications/preferences";
            case 1 -> "/api/workflow/tasks?size=5";
            default -> "/api/scoring/cycles";
        }, token, null));
        try (reads) {
            Thread.sleep(Duration.ofSeconds(5).toMillis());
            target.kill("postgres");
            long killed = System.nanoTime();
            restartMillis = target.bringBack(down, "postgres");
            downMillis = (System.nanoTime() - killed) / 1_000_000;
            recoveredMillis = awaitAnswers(target, token, Duration.ofSeconds(120));
            Thread.sleep(Duration.ofSeconds(3).toMillis());
        }
        System.out.printf("drill 5 (PostgreSQL killed) on %s: down %d ms (back %d ms after the drill's wait); every service "
                + "answering again %d ms after, with nobody restarting it; %d reads meanwhile: %s%n", target.name(),
                downMillis, restartMillis, recoveredMillis, reads.sent(), reads);
        if (some503) {
            assertThat(reads.count(503)).as("503 problems while the database was down: " + reads).isPositive();
        }
        assertThat(reads.count(200) + reads.count(503)).as("every read answered 200 or 503: " + reads).isEqualTo(reads.sent());
        assertThat(reads.notProblems()).as("every failure a problem detail: " + reads).isZero();
        assertThat(recoveredMillis).as("recovered without manual action").isLessThan(120_000);
        HttpResponse<String> after = RunningPlatform.HTTP.send(DrillLoad.json("GET", target.entry()
                + "/api/notifications/preferences", token, null), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).as("written before the crash, still there").contains("\"digest\":true", "\"07:45");
    }

    /** Milliseconds until a request to each service answers 200 twice in a row. */
    private static long awaitAnswers(DrillTarget target, String token, Duration limit) throws Exception {
        long t = System.nanoTime();
        String[] paths = {"/api/notifications/preferences", "/api/workflow/tasks?size=5", "/api/scoring/cycles",
                "/api/evidence/rubric-versions", "/api/rubric/roster"};
        for (String path : paths) {
            int ok = 0;
            while (ok < 2 && System.nanoTime() - t < limit.toNanos()) {
                int status;
                try {
                    status = RunningPlatform.HTTP.send(DrillLoad.json("GET", target.entry() + path, token, null),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (java.io.IOException e) {
                    status = -1;
                }
                ok = status == 200 ? ok + 1 : 0;
                if (ok < 2) {
                    Thread.sleep(250);
                }
            }
            assertThat(ok).as(path + " answers again").isEqualTo(2);
        }
        return (System.nanoTime() - t) / 1_000_000;
    }
}
