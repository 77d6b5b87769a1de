package io.kaohe.deploy;

import io.kaohe.servers.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a reliability drill runs: {@code ./platform --ha} at full scale ({@link #ha()}: the drill kills a part and
 * starts it again itself), or the one platform {@code ./mvnw verify} starts, at a small scale ({@link #onePlatform()}:
 * the drill kills a part and its launcher starts it again, as it does for anybody's crashed part). Parts are named as
 * the launcher names them: {@code kafka}, {@code postgres}, {@code evidence-service} on the one platform;
 * {@code kafka-2}, {@code evidence-service-1} in HA mode.
 */
abstract class DrillTarget {

    /** What {@link LocalPlatform#restart} logs once a part runs again and is ready. */
    static final String RESTARTED = " restarted in ";

    private final String name;
    private final String entry;
    private final Tokens tokens;
    private final int postgresPort;
    private final Path data;

    private DrillTarget(String name, String entry, Tokens tokens, int postgresPort, Path data) {
        this.name = name;
        this.entry = entry;
        this.tokens = tokens;
        this.postgresPort = postgresPort;
        this.data = data;
    }

    /** What the drills print as the platform they ran on. */
    String name() {
        return name;
    }

    /** Where a browser comes in: nginx in front of the gateways, or the one gateway. */
    String entry() {
        return entry;
    }

    /** A demo user's access token from the platform's Keycloak. */
    String token(String username) throws Exception {
        return tokens.of(username);
    }

    /** How a platform's tokens are had. */
    private interface Tokens {
        String of(String username) throws Exception;
    }

    /** A connection to one of the platform's databases as the embedded PostgreSQL's superuser. */
    Connection database(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database,
                PostgresServer.SUPERUSER, "");
    }

    /** The evidence bucket's folder on s3proxy's disk. */
    Path bucket() {
        return data.resolve("s3/blobs/kaohe-evidence");
    }

    /** The platform's data folder. */
    Path data() {
        return data;
    }

    /** Kills the parts at once (SIGKILL to each and its children), as a crash or a pulled plug would. */
    abstract void kill(String... parts) throws Exception;

    /**
     * Returns once the killed parts run again and are ready: started together by the drill after {@code down}, or by
     * the launcher after its restart delay (then {@code down} is the launcher's to decide). The milliseconds waited.
     */
    abstract long bringBack(Duration down, String... parts) throws Exception;

    /** The platform in its production shape, started for the {@code *HaIT} drills. */
    static DrillTarget ha() throws Exception {
        LocalPlatform platform = RunningHaPlatform.start();
        return new DrillTarget("./platform --ha", RunningHaPlatform.BALANCER, RunningHaPlatform::token,
                RunningHaPlatform.PORTS.postgres(),
                RunningPlatform.root().resolve("deploy/target/ha-data-" + RunningHaPlatform.OFFSET)) {
            @Override
            void kill(String... parts) {
                Arrays.stream(parts).forEach(platform::kill);
            }

            @Override
            long bringBack(Duration down, String... parts) throws Exception {
                Thread.sleep(down.toMillis());
                long t = System.nanoTime();
                CompletableFuture.allOf(Arrays.stream(parts)
                        .map(part -> CompletableFuture.runAsync(() -> platform.restart(part)))
                        .toArray(CompletableFuture[]::new)).join();
                return (System.nanoTime() - t) / 1_000_000;
            }
        };
    }

    /** The one platform of {@code ./mvnw verify} ({@link RunningPlatform}), whose launcher starts a dead part again. */
    static DrillTarget onePlatform() throws Exception {
        RunningPlatform.start();
        return new DrillTarget("the one platform of ./mvnw verify", RunningPlatform.GATEWAY, RunningPlatform::token,
                RunningPlatform.PORTS.postgres(),
                RunningPlatform.root().resolve("deploy/target/e2e-data-" + RunningPlatform.OFFSET)) {
            /** The launcher's restart lines per part when the drill killed it. */
            private final Map<String, Long> restartsAtTheKill = new ConcurrentHashMap<>();

            @Override
            void kill(String... parts) throws Exception {
                for (String part : parts) {
                    restartsAtTheKill.put(part, occurrences(RunningPlatform.output(), part + RESTARTED));
                    ProcessHandle process = ProcessHandle.of(pid(part))
                            .orElseThrow(() -> new AssertionError(part + " does not run"));
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.onExit().join();
                }
            }

            /** Waits for the launcher's line that says the part was started again and is ready (it logs one each time). */
            @Override
            long bringBack(Duration down, String... parts) throws Exception {
                long t = System.nanoTime();
                for (String part : parts) {
                    long before = restartsAtTheKill.getOrDefault(part, 0L);
                    HaDrills.await("the launcher starts " + part + " again", Duration.ofMinutes(5),
                            () -> occurrences(RunningPlatform.output(), part + RESTARTED) > before ? part : null);
                }
                return (System.nanoTime() - t) / 1_000_000;
            }

            /** The part's process id: PostgreSQL's postmaster from its pid file, the others from the launcher's. */
            private long pid(String part) throws Exception {
                Path file = part.equals("postgres") ? data().resolve("postgres/postmaster.pid")
                        : data().resolve("logs/" + part + ".pid");
                return Long.parseLong(Files.readAllLines(file).get(0).trim());
            }
        };
    }

    private static long occurrences(String text, String of) {
        long n = 0;
        for (int at = text.indexOf(of); at >= 0; at = text.indexOf(of, at + 1)) {
            n++;
        }
        return n;
    }
}
