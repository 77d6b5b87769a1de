package io.kaohe.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The files of a real server as resolved by Maven at build time (module deploy/runtimes/NAME):
 * a classpath for Kafka and s3proxy, the distribution archive for Keycloak.
 */
final class RuntimeArtifacts {

    private RuntimeArtifacts() {
    }

    static List<Path> of(String runtime) {
        String resource = "META-INF/kaohe/runtime/" + runtime + ".classpath";
        try (InputStream in = RuntimeArtifacts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource + ": build deploy/runtimes/" + runtime + " first");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            List<Path> files = Arrays.stream(text.split(java.io.File.pathSeparator))
                                     .filter(s -> !s.isBlank())
                                     .map(Path::of)
                                     .toList();
            for (Path file : files) {
                if (!Files.exists(file)) {
                    throw new IllegalStateException(file + " of runtime " + runtime
                            + " is not in the local Maven repository: run ./mvnw install -DskipTests");
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String classpath(String runtime) {
        return String.join(java.io.File.pathSeparator, of(runtime).stream().map(Path::toString).toList());
    }
}
