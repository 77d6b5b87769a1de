package io.kaohe.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real Kafka node in KRaft mode (broker and controller in one process), started from Apache
 * Kafka's jars as resolved by deploy/runtimes/kafka: alone ({@link #start}), or as one node of a
 * {@link KafkaCluster}. Topics are not auto-created: the services create the platform's topics
 * from their one definition.
 */
public final class KafkaBroker implements AutoCloseable {

    /** One node's name (its log and pid file), id and ports. */
    public record Node(String name, int id, int port, int controllerPort) {

        String voter() {
            return id + "@127.0.0.1:" + controllerPort;
        }
    }

    private final ServerProcess process;
    private final Node node;

    private KafkaBroker(ServerProcess process, Node node) {
        this.process = process;
        this.node = node;
    }

    /** A single-node cluster (replication factor 1), e.g. for the plain local platform and the tests. */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort, Path logDir, Duration timeout) {
        Node node = new Node("kafka", 1, port == 0 ? PostgresServer.freePort() : port,
                controllerPort == 0 ? PostgresServer.freePort() : controllerPort);
        KafkaBroker broker = launch(dataDir, node, List.of(node), newClusterId(), logDir, timeout);
        broker.awaitReady(timeout);
        return broker;
    }

    /**
     * Writes the node's configuration, formats its storage the first time (with the cluster's id)
     * and starts it, without waiting: the nodes of a cluster must start together to elect a leader.
     */
    static KafkaBroker launch(Path dataDir, Node node, List<Node> voters, String clusterId, Path logDir,
                              Duration timeout) {
        int size = voters.size();
        Path config = dataDir.resolve("server.properties");
        Path logs = dataDir.resolve("logs");
        try {
            Files.createDirectories(logs);
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=" + node.id(),
                    "controller.quorum.voters=" + voters.stream().map(Node::voter).collect(Collectors.joining(",")),
                    "listeners=PLAINTEXT://127.0.0.1:" + node.port() + ",CONTROLLER://127.0.0.1:" + node.controllerPort(),
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + node.port(),
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                    "log.dirs=" + logs.toAbsolutePath(),
                    "num.partitions=3",
                    "auto.create.topics.enable=false",
                    // Kafka's own topics get the cluster's full replication; a write needs two copies where
                    // there are two, so one node may die without losing an acknowledged write.
                    "default.replication.factor=" + size,
                    "min.insync.replicas=" + Math.min(2, size),
                    "offsets.topic.replication.factor=" + size,
                    "offsets.topic.num.partitions=10",
                    "transaction.state.log.replication.factor=" + size,
                    "transaction.state.log.min.isr=" + Math.min(2, size),
                    "share.coordinator.state.topic.replication.factor=" + size,
                    "share.coordinator.state.topic.min.isr=" + Math.min(2, size),
                    "unclean.leader.election.enable=false",
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
            List<String> format = new ArrayList<>(java);
            format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", clusterId,
                    "-c", config.toAbsolutePath().toString(), "--ignore-formatted"));
            ServerProcess.run(node.name() + "-format", format, Map.of(), dataDir, logDir, timeout);
            try {
                Files.writeString(formatted, "formatted\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> broker = new ArrayList<>(java);
        broker.addAll(List.of("kafka.Kafka", config.toAbsolutePath().toString()));
        return new KafkaBroker(ServerProcess.start(node.name(), broker, Map.of(), dataDir, logDir), node);
    }

    /** Waits until the node says it started and its client port accepts; stops it if it does not. */
    void awaitReady(Duration timeout) {
        try {
            process.awaitReady(() -> process.loggedSinceStart("Kafka Server started")
                    && Readiness.portOpen("127.0.0.1", node.port()), timeout);
        } catch (RuntimeException e) {
            process.stop(Duration.ofSeconds(5));
            throw e;
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + node.port();
    }

    public Node node() {
        return node;
    }

    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }

    /**
     * A KRaft cluster id: 16 random bytes, URL-safe base64 without padding, never starting with '-'
     * (kafka-storage would read "-t -abc…" as a missing id and another option, as Kafka's own
     * Uuid.randomUuid avoids too).
     */
    static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }
}
