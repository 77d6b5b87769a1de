package io.kaohe.deploy;

import io.kaohe.servers.Jdks;
import io.kaohe.servers.KafkaBroker;
import io.kaohe.servers.KeycloakServer;
import io.kaohe.servers.MailServer;
import io.kaohe.servers.ObjectStore;
import io.kaohe.servers.PostgresServer;
import io.kaohe.servers.Readiness;
import io.kaohe.servers.ServerProcess;
import io.kaohe.servers.StartupFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on this machine: PostgreSQL, Kafka, s3proxy, GreenMail (SMTP) and Keycloak, then the
 * five services (started together), then the gateway; each waited for on its health, not a sleep.
 * Stopped in the reverse order.
 */
final class LocalPlatform implements AutoCloseable {

    static final String REALM = "kaohe";
    static final List<String> DATABASES = List.of("rubric", "evidence", "scoring", "workflow", "notification", "keycloak");
    private static final Logger log = LoggerFactory.getLogger(LocalPlatform.class);
    private static final Duration SERVICE_START = Duration.ofMinutes(4);

    private final LaunchOptions options;
    private final Ports ports;
    private final Path logs;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Map<String, Duration> startTimes = new LinkedHashMap<>();
    private volatile boolean stopped;

    LocalPlatform(LaunchOptions options) {
        this.options = options;
        this.ports = new Ports(options.portOffset());
        this.logs = options.dataDir().resolve("logs");
    }

    Ports ports() {
        return ports;
    }

    Path logs() {
        return logs;
    }

    Map<String, Duration> startTimes() {
        return startTimes;
    }

    void start() {
        checkJars();
        String jdbcBase;
        String dbUser = options.dbUser();
        String dbPassword = options.dbPassword();
        long t = System.nanoTime();
        if (options.externalDb() == null) {
            PostgresServer pg = PostgresServer.start(options.dataDir().resolve("postgres"), ports.postgres(), logs);
            running.push(pg);
            jdbcBase = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/";
            dbUser = PostgresServer.SUPERUSER;
            dbPassword = "";
        } else {
            jdbcBase = options.externalDb().endsWith("/") ? options.externalDb() : options.externalDb() + "/";
        }
        PostgresServer.createDatabases(jdbcBase + "postgres", dbUser, dbPassword, DATABASES);
        took("postgres", t);

        t = System.nanoTime();
        KafkaBroker kafka = KafkaBroker.start(options.dataDir().resolve("kafka"), ports.kafka(), ports.kafkaController(),
                logs, Duration.ofMinutes(2));
        running.push(kafka);
        took("kafka", t);

        t = System.nanoTime();
        ObjectStore store = ObjectStore.start(options.dataDir().resolve("s3"), ports.objectStore(), "kaohe",
                "kaohe-local-secret", logs, Duration.ofMinutes(1));
        running.push(store);
        took("s3proxy", t);

        t = System.nanoTime();
        MailServer mail = MailServer.start(options.dataDir().resolve("greenmail"), ports.mailSmtp(), ports.mailImap(),
                ports.mailApi(), logs, Duration.ofMinutes(1));
        running.push(mail);
        took("greenmail", t);

        t = System.nanoTime();
        KeycloakServer keycloak = KeycloakServer.start(options.runtimesDir(), ports.keycloak(), ports.keycloakManagement(),
                jdbcBase + "keycloak", dbUser, dbPassword,
                List.of(options.root().resolve("deploy/keycloak/kaohe-realm.json")), "admin", logs, Duration.ofMinutes(4));
        running.push(keycloak);
        took("keycloak", t);

        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        common.put("ISSUER_URI", keycloak.issuer(REALM));
        common.put("DB_USER", dbUser);
        common.put("DB_PASSWORD", dbPassword);
        common.put("RUBRIC_URL", "http://127.0.0.1:" + ports.rubric());
        common.put("EVIDENCE_URL", "http://127.0.0.1:" + ports.evidence());
        common.put("SCORING_URL", "http://127.0.0.1:" + ports.scoring());
        common.put("WORKFLOW_URL", "http://127.0.0.1:" + ports.workflow());
        common.put("NOTIFICATION_URL", "http://127.0.0.1:" + ports.notification());
        common.put("KAOHE_DEMODATA", Boolean.toString(options.demoData()));
        common.put("LOG_FORMAT", "ecs");

        List<Service> services = List.of(
                new Service("rubric-service", ports.rubric(), "rubric", Map.of()),
                new Service("evidence-service", ports.evidence(), "evidence", Map.of(
                        "S3_ENDPOINT", store.endpoint(), "S3_ACCESS_KEY", store.accessKey(),
                        "S3_SECRET_KEY", store.secretKey(), "S3_BUCKET", "kaohe-evidence")),
                new Service("scoring-service", ports.scoring(), "scoring", Map.of()),
                new Service("workflow", ports.workflow(), "workflow", Map.of()),
                new Service("notification-service", ports.notification(), "notification", Map.of(
                        "SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT", Integer.toString(mail.smtpPort()),
                        "PORTAL_URL", "http://127.0.0.1:" + ports.gateway() + "/")));
        startTogether(services, common, jdbcBase);
        startTogether(List.of(new Service("gateway", ports.gateway(), null, Map.of())), common, jdbcBase);
    }

    /** Starts the applications at once and waits for every one; the first failure stops the launch. */
    private void startTogether(List<Service> services, Map<String, String> common, String jdbcBase) {
        long t = System.nanoTime();
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (Service service : services) {
            Map<String, String> env = new HashMap<>(common);
            env.putAll(service.environment());
            env.put("SERVER_PORT", Integer.toString(service.port()));
            if (service.database() != null) {
                env.put("DB_URL", jdbcBase + service.database());
            }
            List<String> command = List.of(Jdks.currentJava(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-jar",
                    options.root().resolve(service.jar()).toString());
            ServerProcess process = ServerProcess.start(service.name(), command, env, options.root(), logs);
            synchronized (running) {
                running.push(process);
            }
            started.add(CompletableFuture.runAsync(() -> {
                long s = System.nanoTime();
                process.awaitReady(() -> Readiness.httpOk(service.readinessUrl()), SERVICE_START);
                took(service.name(), s);
                log.info("{} is ready on port {}", service.name(), service.port());
            }));
        }
        try {
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StartupFailure failure) {
                throw failure;
            }
            throw e;
        }
        if (services.size() > 1) {
            took("services (together)", t);
        }
    }

    private void checkJars() {
        for (String name : List.of("rubric-service", "evidence-service", "scoring-service", "workflow", "notification-service",
                "gateway")) {
            Path jar = options.root().resolve(name + "/target/" + name + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new StartupFailure(name, null, jar + " is missing: build first with ./mvnw install -DskipTests");
            }
        }
    }

    private void took(String part, long startNanos) {
        synchronized (startTimes) {
            startTimes.put(part, Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        while (!running.isEmpty()) {
            AutoCloseable part = running.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", part, e.getMessage());
            }
        }
    }
}
