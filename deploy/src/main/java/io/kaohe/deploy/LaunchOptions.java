package io.kaohe.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to start the local platform. Every option has an embedded default; the environment
 * (KAOHE_*) or {@code --name=value} arguments override it.
 *
 * @param root        the repository folder (service jars are under NAME/target)
 * @param dataDir     where all data and logs are kept across restarts (git-ignored)
 * @param runtimesDir where the Keycloak distribution is unpacked and built once, and each application's jar is
 *                    extracted with its class-data archive (ApplicationJvm), kept across runs
 * @param portOffset  added to every port, to run a second platform (the e2e test) beside the first
 * @param externalDb  a JDBC URL of an existing PostgreSQL server to use instead of the embedded one
 * @param ha          the production shape: a 3-node Kafka cluster, two instances of every application
 *                    behind nginx, the gateways' sessions in Redis
 * @param restartDelay how long a part that died stays down before the launcher starts it again
 */
record LaunchOptions(Path root, Path dataDir, Path runtimesDir, int portOffset, String externalDb, String dbUser,
                     String dbPassword, boolean demoData, boolean ha, Duration restartDelay) {

    static LaunchOptions parse(String[] args, Map<String, String> env) {
        java.util.Map<String, String> given = new java.util.HashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException(usage());
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unknown argument " + arg + "\n" + usage());
            }
            int eq = arg.indexOf('=');
            given.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        Path root = Path.of(value(given, env, "root", "KAOHE_ROOT", ".")).toAbsolutePath().normalize();
        Path data = root.resolve(value(given, env, "data-dir", "KAOHE_DATA_DIR", ".local-data")).normalize();
        Path runtimes = root.resolve(value(given, env, "runtimes-dir", "KAOHE_RUNTIMES_DIR", data.resolve("runtimes").toString()));
        int offset;
        try {
            offset = Integer.parseInt(value(given, env, "port-offset", "KAOHE_PORT_OFFSET", "0"));
        } catch (NumberFormatException e) {
            throw new UsageException("--port-offset must be a whole number");
        }
        String externalDb = value(given, env, "external-db", "KAOHE_DB_URL", null);
        String user = value(given, env, "db-user", "KAOHE_DB_USER", "postgres");
        String password = value(given, env, "db-password", "KAOHE_DB_PASSWORD", "");
        boolean demo = Boolean.parseBoolean(value(given, env, "demo-data", "KAOHE_DEMO_DATA", "true"));
        boolean ha = Boolean.parseBoolean(value(given, env, "ha", "KAOHE_HA", "false"));
        int restartDelay;
        try {
            restartDelay = Integer.parseInt(value(given, env, "restart-delay", "KAOHE_RESTART_DELAY", "1"));
        } catch (NumberFormatException e) {
            throw new UsageException("--restart-delay must be a whole number of seconds");
        }
        if (restartDelay < 0 || restartDelay > 300) {
            throw new UsageException("--restart-delay must be 0 to 300 seconds");
        }
        given.keySet().removeAll(java.util.Set.of("root", "data-dir", "runtimes-dir", "port-offset", "external-db",
                "db-user", "db-password", "demo-data", "ha", "restart-delay"));
        if (!given.isEmpty()) {
            throw new UsageException("unknown option(s) " + given.keySet() + "\n" + usage());
        }
        if (offset < 0 || offset + 19097 > 32767) {
            throw new UsageException("--port-offset must keep every port below 32768 (0 to 12670)");
        }
        return new LaunchOptions(root, data, runtimes, offset, externalDb, user, password, demo, ha,
                Duration.ofSeconds(restartDelay));
    }

    private static String value(Map<String, String> given, Map<String, String> env, String option, String variable,
                                String fallback) {
        if (given.containsKey(option)) {
            return given.get(option);
        }
        String fromEnv = env.get(variable);
        return fromEnv == null || fromEnv.isBlank() ? fallback : fromEnv;
    }

    static String usage() {
        return """
                usage: ./platform [--ha] [--data-dir=.local-data] [--port-offset=0] [--external-db=jdbc:postgresql://host:5432/]
                                  [--db-user=postgres] [--db-password=…] [--demo-data=true] [--restart-delay=1]
                  --ha            the production shape: a 3-node Kafka cluster (replication factor 3, min.insync.replicas 2),
                                  two instances of every service and of the gateway behind nginx, sessions in Redis
                                  (Debian's nginx and redis-server, installed by deploy/bin/ensure-packages when missing)
                  --external-db   use an existing PostgreSQL server (one database per service is created on it)
                                  instead of the embedded one; also KAOHE_DB_URL, KAOHE_DB_USER, KAOHE_DB_PASSWORD.
                                  Every service logs in as that one role there; on the embedded server each service
                                  has its own (passwords in <data-dir>/postgres-roles.properties)
                  --port-offset   add this to every port (run a second platform beside the first)
                  --restart-delay seconds a part that died (a crash, a kill) stays down before it is started again
                """;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
