package io.kaohe.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real S3-compatible server: s3proxy with its filesystem backend, as its own process.
 * Production points the services at MinIO, Ceph or a cloud store instead.
 */
public final class ObjectStore implements AutoCloseable {

    private final ServerProcess process;
    private final int port;
    private final String accessKey;
    private final String secretKey;

    private ObjectStore(ServerProcess process, int port, String accessKey, String secretKey) {
        this.process = process;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public static ObjectStore start(Path dataDir, int port, String accessKey, String secretKey, Path logDir,
                                    Duration timeout) {
        int httpPort = port == 0 ? PostgresServer.freePort() : port;
        Path blobs = dataDir.resolve("blobs");
        Path config = dataDir.resolve("s3proxy.properties");
        Path logging = dataDir.resolve("s3proxy-logback.xml");
        try {
            Files.createDirectories(blobs);
            Files.writeString(config, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + httpPort,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + blobs.toAbsolutePath(),
                    ""));
            // s3proxy's jar has no logging configuration, so logback's default (DEBUG for everything) would log
            // every few kilobytes of a request body: 1.8 bytes of log per byte stored, 6 MB/s instead of ~80 MB/s.
            Files.writeString(logging, """
                    <configuration>
                      <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="INFO"><appender-ref ref="out"/></root>
                    </configuration>
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(Jdks.currentJava(), "-Xms64m", "-Xmx256m",
                "-Dlogback.configurationFile=" + logging.toAbsolutePath(),
                "-cp", RuntimeArtifacts.classpath("s3proxy"),
                "org.gaul.s3proxy.Main", "--properties", config.toAbsolutePath().toString());
        ServerProcess process = ServerProcess.start("s3proxy", command, Map.of(), dataDir, logDir);
        try {
            // s3proxy answers an unsigned request with 403 once it serves.
            process.awaitReady(() -> Readiness.httpStatus("http://127.0.0.1:" + httpPort + "/") > 0, timeout);
        } catch (RuntimeException e) {
            process.stop(Duration.ofSeconds(5));
            throw e;
        }
        return new ObjectStore(process, httpPort, accessKey, secretKey);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(15));
    }
}
