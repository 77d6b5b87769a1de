package io.kaohe.deploy;

import io.kaohe.servers.Jdks;
import io.kaohe.servers.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one application's JVM is started: from its jar extracted once ({@code java -Djarmode=tools … extract}: class
 * data sharing cannot read the classes nested in a Spring Boot jar) with a dynamic class-data archive (AppCDS) of the
 * classes its start loads. Mapping those from the archive instead of finding, reading, parsing and verifying them
 * again is most of what a start saves (docs/benchmarks.md, "Platform").
 *
 * <p>The archive is recorded by a training run, as Spring Boot's documentation does it: the application started with
 * its instance's settings up to its context's refresh ({@code -Dspring.context.exit=onRefresh}: beans made, Flyway
 * run, no port opened, no listener or scheduler started; the engine's job executor is off as well), writing the
 * archive as that JVM exits ({@code -XX:ArchiveClassesAtExit}). The launcher runs these once the platform is up, one
 * at a time at the lowest CPU priority ({@link LocalPlatform#recordClassDataInBackground}): a new jar's first start
 * costs nothing more, its next start uses the archive. Not in the real run: that dump at the stop took 44 s on this
 * busy machine, longer than a stop waits, and JDK 17 crashes on a truncated archive (it only warns about a missing,
 * foreign or outdated one); a dump of the running JVM ({@code jcmd VM.cds dynamic_dump}) ends the JVM when it fails
 * and left it 280 MiB larger. So the dump goes to a name of its own and becomes the archive only when the training
 * run ended well.
 *
 * <p>The extraction and the archive belong to one jar's contents and one JDK: a jar with other contents, or another
 * JDK, extracts again and trains again (a rebuild with the same contents does not: the extracted files, whose times
 * the archive checks, stay as they are). Nothing here may stop a start: when the extraction fails the application
 * starts from its jar as before, and when the training fails it starts without an archive.
 */
final class ApplicationJvm {

    /** The heap and compiler settings of every application. */
    static final List<String> OPTIONS = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dfile.encoding=UTF-8");
    private static final Logger log = LoggerFactory.getLogger(ApplicationJvm.class);
    private static final Path NICE = Path.of("/usr/bin/nice");

    private final App app;
    private final Path jar;
    private final Path home;
    private final Path logs;
    private boolean extracted;

    /**
     * @param runtimes the launcher's runtimes folder (kept across runs); the application's extraction and archive go
     *                 into {@code apps/<module>} there
     */
    ApplicationJvm(App app, Path root, Path runtimes, Path logs) {
        this.app = app;
        this.jar = root.resolve(app.jar());
        this.home = runtimes.resolve("apps").resolve(app.module);
        this.logs = logs;
    }

    /**
     * Extracts the jar unless a jar with the same contents was extracted for this JDK already; a failure is logged and
     * the application then starts from its jar. Several instances (HA) share one extraction.
     */
    synchronized void prepare() {
        try {
            String stamp = stamp();
            Path stampFile = home.resolve("extracted-from");
            if (Files.exists(stampFile) && Files.readString(stampFile).equals(stamp)) {
                extracted = true;
                return;
            }
            deleteTree(home);
            Files.createDirectories(home);
            ServerProcess.run(app.module + "-extract", List.of(Jdks.currentJava(), "-Djarmode=tools", "-jar", jar.toString(),
                    "extract", "--destination", home.resolve("app").toString()), Map.of(), home, logs, Duration.ofMinutes(2));
            Files.writeString(stampFile, stamp); // last: a half-done extraction is done again
            extracted = true;
        } catch (IOException | RuntimeException e) {
            extracted = false;
            log.warn("{}: could not extract {} ({}); it starts from its jar, without class data sharing", app.module, jar,
                    e.getMessage());
        }
    }

    /** Whether a training run should record the archive: the jar is extracted and has none yet. */
    synchronized boolean needsTraining() {
        return extracted && !Files.isRegularFile(archive());
    }

    /**
     * The training run's command: the application up to its context's refresh, recording the archive under a name of
     * its own, at the lowest CPU priority (it runs beside the platform, for the next start).
     */
    List<String> trainingCommand() {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(NICE)) {
            command.addAll(List.of(NICE.toString(), "-n", "19"));
        }
        command.add(Jdks.currentJava());
        command.addAll(OPTIONS);
        // Recording warns about every class it cannot archive (generated ones, JFR's); errors still show.
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + recording(), "-Xlog:cds=error",
                "-Dspring.context.exit=onRefresh", "-jar", extractedJar().toString()));
        return command;
    }

    /** The training run's environment: the instance's own, with nothing to listen on and no engine jobs taken. */
    static Map<String, String> trainingEnvironment(Map<String, String> instance) {
        Map<String, String> env = new HashMap<>(instance);
        env.put("SERVER_PORT", "0"); // nothing listens before the refresh ends; should anything try, not on a taken port
        env.put("MANAGEMENT_PORT", "0");
        env.put("CAMUNDA_JOB_EXECUTION", "false"); // a job locked by a JVM about to exit would wait out its lock
        return env;
    }

    /**
     * After the training run ended: its recording becomes the archive when the run ended well (exit code 0: the
     * refresh was reached and the JVM wrote the archive as it exited), else (null: stopped with the platform) it is
     * dropped.
     *
     * @return whether there is an archive now
     */
    synchronized boolean trained(Integer exitCode) {
        Path recording = recording();
        try {
            if (exitCode == null) { // stopped with the platform: whatever it wrote may be cut off
                Files.deleteIfExists(recording);
                return false;
            }
            if (exitCode != null && exitCode == 0 && Files.isRegularFile(recording) && Files.size(recording) > 0) {
                Files.move(recording, archive(), StandardCopyOption.ATOMIC_MOVE);
                log.info("{}: class-data archive recorded ({} MiB); its next start uses it", app.module,
                        Files.size(archive()) >> 20);
                return true;
            }
            Files.deleteIfExists(recording);
            log.warn("{}: the training run ended with {}; no class-data archive, the next start trains again",
                    app.module, exitCode);
        } catch (IOException e) {
            log.warn("{}: no class-data archive: {}", app.module, e.getMessage());
        }
        return false;
    }

    /** The command that starts one instance: extracted and with the archive when there are these, else from the jar. */
    synchronized List<String> command() {
        List<String> command = new ArrayList<>(List.of(Jdks.currentJava()));
        command.addAll(OPTIONS);
        if (!extracted) {
            command.addAll(List.of("-jar", jar.toString()));
            return command;
        }
        if (Files.isRegularFile(archive())) {
            command.add("-XX:SharedArchiveFile=" + archive());
        }
        command.addAll(List.of("-jar", extractedJar().toString()));
        return command;
    }

    private Path archive() {
        return home.resolve(app.module + ".jsa");
    }

    private Path recording() {
        return home.resolve(app.module + ".jsa.recording");
    }

    private Path extractedJar() {
        return home.resolve("app").resolve(jar.getFileName());
    }

    /**
     * The jar's contents (each entry's name, size and CRC from its central directory: read in milliseconds, blind to
     * the times a rebuild gives the same classes) and the JDK's version and place.
     */
    private String stamp() throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ZipEntry entry : zip.stream().toList()) {
                digest.update((entry.getName() + " " + entry.getSize() + " " + entry.getCrc() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return jar.getFileName() + " " + HexFormat.of().formatHex(digest.digest()) + " java " + Runtime.version()
                    + " " + System.getProperty("java.home") + "\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
