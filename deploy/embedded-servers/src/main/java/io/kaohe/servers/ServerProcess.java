package io.kaohe.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real server running as its own operating-system process, its output in a log file.
 * A pid file next to the log lets a later run stop a process an earlier run left behind.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServerProcess.class);
    /** Started and not stopped yet: what {@link #stopAllStarted} stops. */
    private static final Set<ServerProcess> STARTED = ConcurrentHashMap.newKeySet();

    private final String name;
    private final Path logFile;
    private final Path pidFile;
    private final Process process;
    private final long logStart;

    private ServerProcess(String name, Path logFile, Path pidFile, Process process, long logStart) {
        this.name = name;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.process = process;
        this.logStart = logStart;
    }

    /**
     * Starts {@code command} in {@code workDir}; output (stdout and stderr) is appended to
     * {@code logDir/name.log}. The child gets its own session where {@code setsid} exists, so a
     * Ctrl-C in the terminal reaches only the launcher, which then stops the parts in order.
     */
    public static ServerProcess start(String name, List<String> command, Map<String, String> environment,
                                      Path workDir, Path logDir) {
        Path logFile = logDir.resolve(name + ".log");
        Path pidFile = logDir.resolve(name + ".pid");
        try {
            Files.createDirectories(logDir);
            stopLeftover(name, pidFile);
            long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            List<String> full = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                full.add("/usr/bin/setsid");
            }
            full.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(full)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            log.info("started {} (pid {}), log {}", name, process.pid(), logFile);
            ServerProcess started = new ServerProcess(name, logFile, pidFile, process, logStart);
            STARTED.add(started);
            return started;
        } catch (IOException e) {
            throw new StartupFailure(name, logFile, "could not start " + command.get(0), e);
        }
    }

    /** Runs a one-off command (e.g. formatting storage) to completion, failing with the log's name. */
    public static void run(String name, List<String> command, Map<String, String> environment, Path workDir,
                           Path logDir, Duration timeout) {
        Path logFile = logDir.resolve(name + ".log");
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new StartupFailure(name, logFile, "did not finish within " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new StartupFailure(name, logFile, "exited with code " + process.exitValue());
            }
        } catch (IOException e) {
            throw new StartupFailure(name, logFile, "could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure(name, logFile, "interrupted");
        }
    }

    /** Waits until {@code ready} holds; fails at once if the process dies, or when the time is up. */
    public void awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StartupFailure(name, logFile, "process exited with code " + process.exitValue());
            }
            if (ready.getAsBoolean()) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new StartupFailure(name, logFile, "not ready after " + timeout.toSeconds() + " s");
    }

    /** Waits until the process has ended by itself (a run to its end, e.g. a training run); fails when the time is up. */
    public void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StartupFailure(name, logFile, "did not end within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure(name, logFile, "interrupted");
        }
        stop(Duration.ofSeconds(5)); // ended: only forgets it and its pid file
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process's exit code once it has ended, else null. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** True when the process wrote {@code text} to its log since it was started (earlier runs' lines do not count). */
    public boolean loggedSinceStart(String text) {
        try (FileChannel log = FileChannel.open(logFile, StandardOpenOption.READ)) {
            long size = log.size();
            if (size <= logStart) {
                return false;
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - logStart));
            log.read(bytes, logStart);
            return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** Asks the process (and its children) to stop, and kills what is still alive after the grace period. */
    public void stop(Duration grace) {
        STARTED.remove(this);
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception timeoutOrInterrupt) {
                log.warn("{} (pid {}) did not stop within {} s; killing it", name, handle.pid(), grace.toSeconds());
                handle.destroyForcibly();
                try {
                    handle.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    log.error("{} (pid {}) survived a kill", name, handle.pid());
                }
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }

    /**
     * Stops every process this JVM started with its log in {@code logDir} and has not stopped: e.g.
     * one still starting when a stop (Ctrl-C) came, which its owner never got to hold.
     */
    public static void stopAllStarted(Path logDir, Duration grace) {
        List.copyOf(STARTED).stream().filter(process -> process.logFile.startsWith(logDir))
                .forEach(process -> process.stop(grace));
    }

    private static void stopLeftover(String name, Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile).trim();
        Files.delete(pidFile);
        Optional<ProcessHandle> old;
        try {
            old = ProcessHandle.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return;
        }
        // Only a process that still runs a command of ours is taken for a leftover, not a recycled pid.
        old.filter(ProcessHandle::isAlive)
           .filter(h -> h.info().commandLine().map(c -> c.contains("java") || c.contains("kc.sh")
                   || c.contains("redis-server") || c.contains("nginx")).orElse(false))
           .ifPresent(h -> {
               log.warn("stopping {} left over from an earlier run (pid {})", name, h.pid());
               h.descendants().forEach(ProcessHandle::destroy);
               h.destroy();
               try {
                   h.onExit().get(20, TimeUnit.SECONDS);
               } catch (Exception e) {
                   h.destroyForcibly();
               }
           });
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
