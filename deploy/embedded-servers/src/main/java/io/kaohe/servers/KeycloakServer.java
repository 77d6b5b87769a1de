package io.kaohe.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The real Keycloak server, from its distribution on Maven Central (deploy/runtimes/keycloak),
 * run with the newest JDK installed, bound to 127.0.0.1, storing its data in PostgreSQL and
 * importing the platform's realm on first start.
 */
public final class KeycloakServer implements AutoCloseable {

    /** Build-time options; a change here rebuilds the distribution once. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true");

    /**
     * Runtime settings Keycloak has no option of its own for. Its pool hands out a connection without checking it by
     * default: after PostgreSQL restarted, every login failed with a 500 until each dead connection had been tried
     * once (the small drills found it). Checked on every borrow instead: one round trip, a login makes dozens.
     */
    static final String QUARKUS_PROPERTIES = """
            # Written by the platform's launcher at each start (KeycloakServer).
            quarkus.datasource.jdbc.validate-on-borrow=true
            """;

    private final ServerProcess process;
    private final int port;

    private KeycloakServer(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param installDir where the distribution is unpacked and built (kept across runs)
     * @param jdbcUrl    the PostgreSQL database Keycloak keeps its data in
     * @param realmFiles realm exports imported when their realm does not exist yet
     */
    public static KeycloakServer start(Path installDir, int port, int managementPort, String jdbcUrl, String dbUser,
                                       String dbPassword, List<Path> realmFiles, String adminPassword, Path logDir,
                                       Duration timeout) {
        int httpPort = port == 0 ? PostgresServer.freePort() : port;
        int mgmtPort = managementPort == 0 ? PostgresServer.freePort() : managementPort;
        Path home = install(installDir, logDir, timeout);
        try {
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            for (Path realm : realmFiles) {
                Files.copy(realm, imports.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(home.resolve("conf/quarkus.properties"), QUARKUS_PROPERTIES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + mgmtPort,
                "--hostname=http://127.0.0.1:" + httpPort,
                "--db-url=" + jdbcUrl,
                "--db-username=" + dbUser,
                "--db-password=" + dbPassword,
                "--import-realm"));
        Map<String, String> env = environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        ServerProcess process = ServerProcess.start("keycloak", command, env, home, logDir);
        try {
            process.awaitReady(() -> Readiness.httpOk("http://127.0.0.1:" + mgmtPort + "/health/ready"), timeout);
        } catch (RuntimeException e) {
            process.stop(Duration.ofSeconds(5));
            throw e;
        }
        return new KeycloakServer(process, httpPort);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String issuer(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }

    /** Unpacks and builds the distribution once; later starts reuse it. */
    private static Path install(Path installDir, Path logDir, Duration timeout) {
        Path zip = RuntimeArtifacts.of("keycloak").get(0);
        String version = zip.getFileName().toString().replace("keycloak-quarkus-dist-", "").replace(".zip", "");
        Path home = installDir.resolve("keycloak-" + version);
        Path built = home.resolve(".kaohe-built");
        String stamp = String.join(" ", BUILD_OPTIONS);
        try {
            if (Files.exists(built) && Files.readString(built).equals(stamp)) {
                return home;
            }
            if (!Files.exists(home.resolve("bin/kc.sh"))) {
                unzip(zip, installDir);
            }
            List<String> build = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
            build.addAll(BUILD_OPTIONS);
            ServerProcess.run("keycloak-build", build, environment(), home, logDir, timeout.multipliedBy(3));
            Files.writeString(built, stamp);
            return home;
        } catch (IOException e) {
            throw new StartupFailure("keycloak", logDir.resolve("keycloak-build.log"), "could not install " + zip, e);
        }
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", Jdks.newestJavaHome().toString());
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        // On Java 24+ jboss-threads resets a worker's thread locals after each task only with java.lang open;
        // without it every executor thread died after its first request (IllegalAccessError in keycloak.log).
        env.put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        return env;
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(entries, out, StandardCopyOption.REPLACE_EXISTING);
                    if (out.getFileName().toString().endsWith(".sh")) {
                        out.toFile().setExecutable(true);
                    }
                }
            }
        }
    }
}
