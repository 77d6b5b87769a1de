package io.kaohe.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds Java installations: the one running us, and the newest one installed (Keycloak needs 21+). */
public final class Jdks {

    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private Jdks() {
    }

    /** The java executable of the running JVM. */
    public static String currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The home of the newest JDK: {@code KAOHE_NEWEST_JAVA_HOME} if set, otherwise the highest
     * feature version found under /usr/lib/jvm (read from each JDK's {@code release} file),
     * otherwise the running JVM's home.
     */
    public static Path newestJavaHome() {
        String override = System.getenv("KAOHE_NEWEST_JAVA_HOME");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path current = Path.of(System.getProperty("java.home"));
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return current;
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                        .filter(home -> featureVersion(home).isPresent())
                        .max(Comparator.comparingInt((Path home) -> featureVersion(home).orElse(0))
                                       .thenComparing(Path::toString))
                        .filter(home -> featureVersion(home).orElse(0) >= Runtime.version().feature())
                        .orElse(current);
        } catch (IOException e) {
            return current;
        }
    }

    public static Optional<Integer> featureVersion(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher m = VERSION.matcher(Files.readString(release));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
