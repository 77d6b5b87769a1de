package io.kaohe.testsupport;

import io.kaohe.servers.KafkaBroker;
import io.kaohe.servers.KeycloakServer;
import io.kaohe.servers.MailServer;
import io.kaohe.servers.ObjectStore;
import io.kaohe.servers.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The real servers integration tests run against, started once per test JVM on free ports and
 * stopped when it exits. PostgreSQL and Kafka come from Testcontainers when a Docker engine is
 * present and from the embedded real servers otherwise; s3proxy, Keycloak and GreenMail (SMTP) always
 * run as processes (none needs Docker).
 */
public final class TestServers {

    private static final Logger log = LoggerFactory.getLogger(TestServers.class);
    private static final Deque<AutoCloseable> started = new ArrayDeque<>();

    private static Database database;
    private static String kafka;
    private static ObjectStore objectStore;
    private static KeycloakServer keycloak;
    private static MailServer mail;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestServers::stopAll, "test-servers-stop"));
    }

    private TestServers() {
    }

    /** Where a PostgreSQL server answers, and how to reach one database on it. */
    public record Database(String host, int port, String user, String password) {
        public String jdbcUrl(String name) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }
    }

    public static synchronized Database postgres() {
        if (database == null) {
            if (dockerAvailable()) {
                PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17");
                container.start();
                started.push(container::stop);
                database = new Database(container.getHost(), container.getFirstMappedPort(),
                        container.getUsername(), container.getPassword());
            } else {
                PostgresServer pg = PostgresServer.start(fresh("postgres"), 0, logs());
                started.push(pg);
                database = new Database("127.0.0.1", pg.port(), PostgresServer.SUPERUSER, "");
            }
        }
        return database;
    }

    /** A database of that name on the test PostgreSQL server, created if missing. */
    public static synchronized String database(String name) {
        Database db = postgres();
        PostgresServer.createDatabases(db.jdbcUrl("postgres"), db.user(), db.password(), List.of(name));
        return db.jdbcUrl(name);
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            if (dockerAvailable()) {
                KafkaContainer container = new KafkaContainer("apache/kafka:4.1.0")
                        .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
                container.start();
                started.push(container::stop);
                kafka = container.getBootstrapServers();
            } else {
                KafkaBroker broker = KafkaBroker.start(fresh("kafka"), 0, 0, logs(), Duration.ofMinutes(2));
                started.push(broker);
                kafka = broker.bootstrapServers();
            }
        }
        return kafka;
    }

    public static synchronized ObjectStore objectStore() {
        if (objectStore == null) {
            objectStore = ObjectStore.start(fresh("s3"), 0, "kaohe-test", "kaohe-test-secret", logs(),
                    Duration.ofMinutes(1));
            started.push(objectStore);
        }
        return objectStore;
    }

    /** A real SMTP server (GreenMail) whose REST API tells what it received. */
    public static synchronized MailServer mailServer() {
        if (mail == null) {
            mail = MailServer.start(fresh("greenmail"), 0, 0, 0, logs(), Duration.ofMinutes(1));
            started.push(mail);
        }
        return mail;
    }

    /** The real Keycloak with the platform's realm (deploy/keycloak), its data in the test PostgreSQL. */
    public static synchronized KeycloakServer keycloak() {
        if (keycloak == null) {
            Database db = postgres();
            PostgresServer.createDatabases(db.jdbcUrl("postgres"), db.user(), db.password(), List.of("keycloak"));
            // A first start creates Keycloak's schema and imports the realm: minutes on a shared, busy machine.
            keycloak = KeycloakServer.start(projectRoot().resolve("target/keycloak"), 0, 0, db.jdbcUrl("keycloak"),
                    db.user(), db.password(), List.of(realmFile()), "admin", logs(), Duration.ofMinutes(8));
            started.push(keycloak);
        }
        return keycloak;
    }

    public static Path realmFile() {
        return projectRoot().resolve("deploy/keycloak/kaohe-realm.json");
    }

    /** The repository's top folder: the build passes it as kaohe.root; else found by walking up. */
    public static Path projectRoot() {
        String root = System.getProperty("kaohe.root");
        if (root != null && Files.isDirectory(Path.of(root, "deploy"))) {
            return Path.of(root).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("deploy/keycloak/kaohe-realm.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the project root (set -Dkaohe.root)");
        }
        return dir;
    }

    static boolean dockerAvailable() {
        if (Boolean.getBoolean("kaohe.tests.embedded")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Path logs() {
        return Path.of("target/test-servers/logs").toAbsolutePath();
    }

    private static Path fresh(String name) {
        Path dir = Path.of("target/test-servers").resolve(name).toAbsolutePath();
        try {
            if (Files.exists(dir)) {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void stopAll() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                log.warn("stopping a test server failed", e);
            }
        }
    }
}
