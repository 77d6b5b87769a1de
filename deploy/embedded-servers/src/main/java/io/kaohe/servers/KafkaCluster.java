package io.kaohe.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A Kafka cluster of real nodes in KRaft mode, each node broker and controller at once (combined
 * mode): with three nodes, any one can die and both the controller quorum (two of three voters)
 * and every partition (replication factor 3, two in-sync replicas) carry on. Combined mode keeps
 * a laptop's cluster at three JVMs; a production cluster may separate the roles.
 */
public final class KafkaCluster implements AutoCloseable {

    private final Path dataDir;
    private final Path logDir;
    private final List<KafkaBroker.Node> nodes;
    private final String clusterId;
    private final KafkaBroker[] running;

    private KafkaCluster(Path dataDir, Path logDir, List<KafkaBroker.Node> nodes, String clusterId) {
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.nodes = nodes;
        this.clusterId = clusterId;
        this.running = new KafkaBroker[nodes.size()];
    }

    /**
     * Starts node {@code i} (1-based) on {@code firstPort + 2(i-1)} with its controller on the port
     * after it, all nodes at once, and waits until every one has joined. The cluster's id is kept in
     * {@code dataDir} so that a restart finds its formatted storage.
     */
    public static KafkaCluster start(Path dataDir, int size, int firstPort, Path logDir, Duration timeout) {
        List<KafkaBroker.Node> nodes = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            nodes.add(new KafkaBroker.Node("kafka-" + i, i, firstPort + 2 * (i - 1), firstPort + 2 * (i - 1) + 1));
        }
        KafkaCluster cluster = new KafkaCluster(dataDir, logDir, nodes, clusterId(dataDir));
        try {
            for (int i = 1; i <= size; i++) {
                cluster.running[i - 1] = cluster.launch(i, timeout);
            }
            for (KafkaBroker node : cluster.running) {
                node.awaitReady(timeout);
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Starts node {@code i} again (after it was killed or stopped) and waits until it has rejoined. */
    public KafkaBroker restart(int i, Duration timeout) {
        KafkaBroker node = launch(i, timeout);
        running[i - 1] = node;
        node.awaitReady(timeout);
        return node;
    }

    private KafkaBroker launch(int i, Duration timeout) {
        return KafkaBroker.launch(dataDir.resolve("node-" + i), nodes.get(i - 1), nodes, clusterId, logDir, timeout);
    }

    /** Node {@code i} (1-based) as last started. */
    public KafkaBroker node(int i) {
        return running[i - 1];
    }

    public int size() {
        return nodes.size();
    }

    /** Every node's client address, comma-separated, as clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    /** Stops every node at once: one by one, the last ones would wait for a quorum that has gone. */
    @Override
    public void close() {
        CompletableFuture.allOf(Arrays.stream(running).filter(Objects::nonNull)
                .map(node -> CompletableFuture.runAsync(node::close)).toArray(CompletableFuture[]::new)).join();
    }

    private static String clusterId(Path dataDir) {
        Path file = dataDir.resolve("cluster-id");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(dataDir);
            String id = KafkaBroker.newClusterId();
            Files.writeString(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
