package io.kaohe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.servers.Readiness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The platform in its production shape ({@code ./platform --ha}) for the reliability tests
 * ({@code *HaIT}): started in this JVM by the launcher's own {@link LocalPlatform} the first time a
 * class asks for it, so that a test can find every part by name, kill it (SIGKILL) and start it
 * again; shared by the classes that follow, stopped by {@link HaPlatformStopsHaIT} (last) or when
 * the JVM exits. Ports are shifted by {@link #OFFSET}.
 */
final class RunningHaPlatform {

    /** 1500 by default; {@code -Dkaohe.ha.offset=N} moves it. */
    static final int OFFSET = Integer.getInteger("kaohe.ha.offset", 1500);
    static final Ports PORTS = new Ports(OFFSET);
    /** Through nginx, as a browser comes. */
    static final String BALANCER = "http://127.0.0.1:" + PORTS.gateway();
    static final String ISSUER = "http://127.0.0.1:" + PORTS.keycloak() + "/realms/kaohe";

    private static LocalPlatform platform;
    private static long startedInMillis;

    private RunningHaPlatform() {
    }

    /** Starts the HA platform unless it runs already. */
    static synchronized LocalPlatform start() throws Exception {
        if (platform != null) {
            return platform;
        }
        List<Integer> busy = ports().stream().filter(port -> Readiness.portOpen("127.0.0.1", port)).toList();
        assertThat(busy).as("ports the HA platform at offset " + OFFSET + " needs are taken (-Dkaohe.ha.offset=N)").isEmpty();
        Path root = RunningPlatform.root();
        Path data = root.resolve("deploy/target/ha-data-" + OFFSET);
        deleteTree(data);
        LaunchOptions options = LaunchOptions.parse(new String[] {"--ha", "--root=" + root, "--data-dir=" + data,
                "--port-offset=" + OFFSET, "--runtimes-dir=" + root.resolve("target/keycloak")}, Map.of());
        LocalPlatform started = new LocalPlatform(options);
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-ha-platform"));
        long t = System.nanoTime();
        try {
            started.start();
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        startedInMillis = (System.nanoTime() - t) / 1_000_000;
        System.out.printf("HA platform up in %d s (offset %d): %s%n", startedInMillis / 1000, OFFSET, started.startTimes());
        platform = started;
        return platform;
    }

    /** A demo user's access token from the HA platform's Keycloak. */
    static String token(String username) throws Exception {
        return RunningPlatform.token(ISSUER, username);
    }

    /** A connection to one of the platform's databases (the embedded PostgreSQL's superuser). */
    static java.sql.Connection database(String name) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PORTS.postgres() + "/" + name,
                io.kaohe.servers.PostgresServer.SUPERUSER, "");
    }

    /**
     * The one number a query of one of the platform's databases answers (a count); each parameter a string, or a
     * collection bound as a text array ({@code = any(?)}).
     */
    static long count(String database, String sql, Object... params) throws java.sql.SQLException {
        try (java.sql.Connection db = database(database); java.sql.PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof java.util.Collection<?> values) {
                    q.setArray(i + 1, db.createArrayOf("text", values.toArray()));
                } else {
                    q.setString(i + 1, String.valueOf(params[i]));
                }
            }
            try (java.sql.ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static synchronized LocalPlatform platform() {
        assertThat(platform).as("the HA platform was not started").isNotNull();
        return platform;
    }

    /** Every port the HA platform listens on: the balancer's, each instance's and its management port, the servers'. */
    static List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        for (App app : App.values()) {
            ports.add(PORTS.entry(app));
            for (int replica = 1; replica <= LocalPlatform.REPLICAS; replica++) {
                ports.add(PORTS.instance(app, replica));
                ports.add(Ports.management(PORTS.instance(app, replica)));
            }
        }
        for (int i = 1; i <= LocalPlatform.KAFKA_NODES; i++) {
            ports.add(PORTS.kafkaNode(i));
            ports.add(PORTS.kafkaNode(i) + 1);
        }
        ports.addAll(List.of(PORTS.keycloak(), PORTS.keycloakManagement(), PORTS.postgres(), PORTS.objectStore(),
                PORTS.redis()));
        return ports;
    }

    /** The part (gateway-1, gateway-2, …) behind an instance port, e.g. as nginx names it in X-Kaohe-Upstream. */
    static String partAt(int port) {
        for (App app : App.values()) {
            for (int replica = 1; replica <= LocalPlatform.REPLICAS; replica++) {
                if (PORTS.instance(app, replica) == port) {
                    return app.module + "-" + replica;
                }
            }
        }
        throw new IllegalArgumentException("no instance on port " + port);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
