package io.kaohe.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A real Kafka broker in KRaft mode (broker and controller in one process), started from
 * Apache Kafka's jars as resolved by deploy/runtimes/kafka. Topics are not auto-created:
 * the services create the platform's topics from their one definition.
 */
public final class KafkaBroker implements AutoCloseable {

    private final ServerProcess process;
    private final int port;

    private KafkaBroker(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static KafkaBroker start(Path dataDir, int port, int controllerPort, Path logDir, Duration timeout) {
        int brokerPort = port == 0 ? PostgresServer.freePort() : port;
        int quorumPort = controllerPort == 0 ? PostgresServer.freePort() : controllerPort;
        Path config = dataDir.resolve("server.properties");
        Path logs = dataDir.resolve("logs");
        try {
            Files.createDirectories(logs);
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + quorumPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + quorumPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                    "log.dirs=" + logs.toAbsolutePath(),
                    "num.partitions=3",
                    "auto.create.topics.enable=false",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=10",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "log.retention.hours=168",
                    ""));
            Path log4j = dataDir.resolve("log4j2.properties");
            Files.writeString(log4j, String.join("\n",
                    "appender.out.type=Console",
                    "appender.out.name=out",
                    "appender.out.layout.type=PatternLayout",
                    "appender.out.layout.pattern=%d{ISO8601} %-5p [%c{1}] %m%n",
                    "rootLogger.level=INFO",
                    "rootLogger.appenderRef.out.ref=out",
                    "logger.kafka.name=kafka",
                    "logger.kafka.level=WARN",
                    "logger.apache.name=org.apache.kafka",
                    "logger.apache.level=WARN",
                    "logger.started.name=kafka.server.KafkaRaftServer",
                    "logger.started.level=INFO",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String classpath = RuntimeArtifacts.classpath("kafka");
        List<String> java = List.of(Jdks.currentJava(), "-Xms128m", "-Xmx512m",
                "-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties").toAbsolutePath(),
                "-cp", classpath);
        // Our own marker, written once formatting succeeded: the broker rewrites its meta.properties
        // now and then, so that file's presence is not a reliable sign of formatted storage.
        Path formatted = dataDir.resolve(".kaohe-formatted");
        if (!Files.exists(formatted)) {
            List<String> format = new java.util.ArrayList<>(java);
            format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", newClusterId(),
                    "-c", config.toAbsolutePath().toString(), "--ignore-formatted"));
            ServerProcess.run("kafka-format", format, Map.of(), dataDir, logDir, timeout);
            try {
                Files.writeString(formatted, "formatted\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> broker = new java.util.ArrayList<>(java);
        broker.addAll(List.of("kafka.Kafka", config.toAbsolutePath().toString()));
        ServerProcess process = ServerProcess.start("kafka", broker, Map.of(), dataDir, logDir);
        try {
            process.awaitReady(() -> Readiness.portOpen("127.0.0.1", brokerPort), timeout);
        } catch (RuntimeException e) {
            process.stop(Duration.ofSeconds(5));
            throw e;
        }
        return new KafkaBroker(process, brokerPort);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }

    /** A KRaft cluster id: 16 random bytes, URL-safe base64 without padding. */
    private static String newClusterId() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
