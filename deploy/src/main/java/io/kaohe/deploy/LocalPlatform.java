package io.kaohe.deploy;

import io.kaohe.servers.Jdks;
import io.kaohe.servers.KafkaBroker;
import io.kaohe.servers.KafkaCluster;
import io.kaohe.servers.KeycloakServer;
import io.kaohe.servers.MailServer;
import io.kaohe.servers.LoadBalancer;
import io.kaohe.servers.ObjectStore;
import io.kaohe.servers.PostgresServer;
import io.kaohe.servers.Readiness;
import io.kaohe.servers.RedisServer;
import io.kaohe.servers.ServerProcess;
import io.kaohe.servers.StartupFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on this machine: PostgreSQL, Kafka, s3proxy, GreenMail (SMTP) and Keycloak, then the five
 * services (started together), then the gateway; each waited for on its health, not a sleep.
 * Stopped in the reverse order, the parts started together stopped together.
 *
 * <p>In HA mode ({@link LaunchOptions#ha()}) it has the production shape: a 3-node Kafka cluster,
 * Redis for the gateways' sessions, nginx in front of two instances of every application. The first
 * instances start first (they migrate the databases: Camunda's schema creation must not run twice at
 * once), then the second instances and the gateways. Each part can be killed and started again by
 * name ({@link #kill}, {@link #restart}), for the reliability drills.
 *
 * <p>{@link #restartPartsThatDie} (what {@code ./platform} does once it is up) starts a part whose process ends
 * unasked again, as systemd's {@code Restart=on-failure} does for the release bundle: a crashed service, Kafka or
 * PostgreSQL is back without anybody at the keyboard.
 */
final class LocalPlatform implements AutoCloseable {

    static final String REALM = "kaohe";
    static final List<String> DATABASES = List.of("rubric", "evidence", "scoring", "workflow", "notification", "audit",
            "keycloak");
    static final int KAFKA_NODES = 3;
    static final int REPLICAS = 2;
    private static final Logger log = LoggerFactory.getLogger(LocalPlatform.class);
    /** Per application (and Keycloak); in HA mode many JVMs start at once on a laptop's cores. */
    private static final Duration SERVICE_START = Duration.ofMinutes(4);
    private static final Duration SERVICE_START_HA = Duration.ofMinutes(8);
    private static final Duration SERVER_START = Duration.ofMinutes(2);

    private final LaunchOptions options;
    private final Ports ports;
    private final Path logs;
    /** What started together, in start order: stopped stage by stage in reverse, each stage's parts at once. */
    private final List<List<Part>> stages = new ArrayList<>();
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private final Map<String, Duration> startTimes = new LinkedHashMap<>();
    /** Each database's roles on the embedded server; empty with an external one (one role for all). */
    private final Map<String, DatabaseRoles.DatabaseLogins> databaseLogins = new HashMap<>();
    private volatile boolean stopped;
    /** Watches the parts' processes once {@link #restartPartsThatDie} is on; a thread per part that died. */
    private ExecutorService supervisor;

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

    boolean ha() {
        return options.ha();
    }

    Map<String, Duration> startTimes() {
        return startTimes;
    }

    void start() {
        checkJars();
        if (options.ha()) {
            OsPackages.ensure(options.root(), List.of(RedisServer.EXECUTABLE, LoadBalancer.EXECUTABLE));
        }
        Path data = options.dataDir();
        String jdbcBase;
        String dbUser = options.dbUser();
        String dbPassword = options.dbPassword();
        long t = System.nanoTime();
        if (options.externalDb() == null) {
            PostgresServer pg = startAlone("postgres", () -> PostgresServer.start(data.resolve("postgres"), ports.postgres(), logs));
            jdbcBase = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/";
            // Each service logs in as its own role, owning only its database (DatabaseRoles).
            databaseLogins.putAll(DatabaseRoles.ensure(jdbcBase, PostgresServer.SUPERUSER, "", DATABASES,
                    data.resolve(DatabaseRoles.FILE)));
        } else {
            // An existing server: every service logs in as the one role given (--db-user).
            jdbcBase = options.externalDb().endsWith("/") ? options.externalDb() : options.externalDb() + "/";
            PostgresServer.createDatabases(jdbcBase + "postgres", dbUser, dbPassword, DATABASES);
        }
        took("postgres", t);

        t = System.nanoTime();
        String kafkaBootstrap = options.ha() ? startKafkaCluster() : startAlone("kafka", () -> KafkaBroker.start(
                data.resolve("kafka"), ports.kafka(), ports.kafkaController(), logs, SERVER_START)).bootstrapServers();
        took("kafka", t);

        t = System.nanoTime();
        ObjectStore store = startAlone("s3proxy", () -> ObjectStore.start(data.resolve("s3"), ports.objectStore(),
                "kaohe", "kaohe-local-secret", logs, Duration.ofMinutes(1)));
        took("s3proxy", t);

        t = System.nanoTime();
        MailServer mail = startAlone("greenmail", () -> MailServer.start(options.dataDir().resolve("greenmail"),
                ports.mailSmtp(), ports.mailImap(), ports.mailApi(), logs, Duration.ofMinutes(1)));
        took("greenmail", t);

        t = System.nanoTime();
        String jdbcKeycloak = jdbcBase + "keycloak";
        String kcUser = databaseLogins.containsKey("keycloak") ? databaseLogins.get("keycloak").runtime().user() : dbUser;
        String kcPassword = databaseLogins.containsKey("keycloak") ? databaseLogins.get("keycloak").runtime().password()
                : dbPassword;
        KeycloakServer keycloak = startAlone("keycloak", () -> KeycloakServer.start(options.runtimesDir(),
                ports.keycloak(), ports.keycloakManagement(), jdbcKeycloak, kcUser, kcPassword,
                List.of(options.root().resolve("deploy/keycloak/kaohe-realm.json")), "admin", logs,
                options.ha() ? SERVICE_START_HA : SERVICE_START));
        took("keycloak", t);

        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP", kafkaBootstrap);
        common.put("ISSUER_URI", keycloak.issuer(REALM));
        if (databaseLogins.isEmpty()) {
            common.put("DB_USER", dbUser);
            common.put("DB_PASSWORD", dbPassword);
        }
        // The services' addresses: the service itself, or nginx in front of its instances (HA).
        common.put("RUBRIC_URL", "http://127.0.0.1:" + ports.rubric());
        common.put("EVIDENCE_URL", "http://127.0.0.1:" + ports.evidence());
        common.put("SCORING_URL", "http://127.0.0.1:" + ports.scoring());
        common.put("WORKFLOW_URL", "http://127.0.0.1:" + ports.workflow());
        common.put("NOTIFICATION_URL", "http://127.0.0.1:" + ports.notification());
        common.put("AUDIT_URL", "http://127.0.0.1:" + ports.audit());
        common.put("KAOHE_DEMODATA", Boolean.toString(options.demoData()));
        common.put("LOG_FORMAT", "ecs");
        Map<App, Map<String, String>> own = new HashMap<>();
        own.put(App.EVIDENCE, Map.of("S3_ENDPOINT", store.endpoint(), "S3_ACCESS_KEY", store.accessKey(),
                "S3_SECRET_KEY", store.secretKey(), "S3_BUCKET", "kaohe-evidence"));

        own.put(App.AUDIT, Map.of("AUDIT_ARCHIVE_DIR", data.resolve("audit-archive").toString()));
        own.put(App.NOTIFICATION, Map.of("SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT",
                Integer.toString(mail.smtpPort()), "PORTAL_URL", "http://127.0.0.1:" + ports.gateway() + "/"));
        if (!options.ha()) {
            startTogether(App.SERVICES.stream().map(app -> service(app, app.module, ports.entry(app), own)).toList(),
                    common, jdbcBase);
            startTogether(List.of(service(App.GATEWAY, App.GATEWAY.module, ports.gateway(), own)), common, jdbcBase);
            return;
        }
        t = System.nanoTime();
        RedisServer redis = startAlone("redis", () -> RedisServer.start(data.resolve("redis"), ports.redis(), logs,
                SERVER_START));
        startAlone("nginx", () -> LoadBalancer.start(data.resolve("nginx"), routes(), logs, SERVER_START));
        took("redis and nginx", t);
        common.put("KAFKA_REPLICATION_FACTOR", Integer.toString(KAFKA_NODES));
        common.put("KAFKA_MIN_INSYNC_REPLICAS", "2");
        own.put(App.GATEWAY, Map.of("KAOHE_SESSION_STORE", "redis", "REDIS_URL", redis.url()));
        startTogether(App.SERVICES.stream().map(app -> instance(app, 1, own)).toList(), common, jdbcBase);
        List<Service> rest = new ArrayList<>(App.SERVICES.stream().map(app -> instance(app, 2, own)).toList());
        rest.add(instance(App.GATEWAY, 1, own));
        rest.add(instance(App.GATEWAY, 2, own));
        startTogether(rest, common, jdbcBase);
    }

    private String startKafkaCluster() {
        KafkaCluster cluster = KafkaCluster.start(options.dataDir().resolve("kafka-cluster"), KAFKA_NODES, ports.kafka(),
                logs, SERVER_START);
        List<Part> nodes = new ArrayList<>();
        for (int i = 1; i <= KAFKA_NODES; i++) {
            int node = i;
            Part part = new Part("kafka-" + node, () -> cluster.restart(node, SERVER_START));
            part.server = cluster.node(node);
            nodes.add(part);
        }
        register(nodes);
        return cluster.bootstrapServers();
    }

    /** nginx: the public port in front of the gateways, each service's address in front of its instances. */
    private List<LoadBalancer.Route> routes() {
        List<LoadBalancer.Route> routes = new ArrayList<>();
        for (App app : App.values()) {
            List<Integer> instances = new ArrayList<>();
            for (int replica = 1; replica <= REPLICAS; replica++) {
                instances.add(ports.instance(app, replica));
            }
            routes.add(new LoadBalancer.Route(app.module, ports.entry(app), instances));
        }
        return routes;
    }

    private Service instance(App app, int replica, Map<App, Map<String, String>> own) {
        return service(app, app.module + "-" + replica, ports.instance(app, replica), own);
    }

    private static Service service(App app, String name, int port, Map<App, Map<String, String>> own) {
        return new Service(name, app, port, own.getOrDefault(app, Map.of()));
    }

    /** Starts the applications at once and waits for every one; the first failure stops the launch. */
    private void startTogether(List<Service> services, Map<String, String> common, String jdbcBase) {
        long t = System.nanoTime();
        List<Part> stage = new ArrayList<>();
        for (Service service : services) {
            Map<String, String> env = new HashMap<>(common);
            env.putAll(service.environment());
            env.put("SERVER_PORT", Integer.toString(service.port()));
            env.put("MANAGEMENT_PORT", Integer.toString(service.managementPort()));
            env.put("KAOHE_INSTANCE", service.name());
            if (service.app().database != null) {
                env.put("DB_URL", jdbcBase + service.app().database);
                DatabaseRoles.DatabaseLogins logins = databaseLogins.get(service.app().database);
                if (logins != null) {
                    env.put("DB_USER", logins.runtime().user());
                    env.put("DB_PASSWORD", logins.runtime().password());
                    if (!logins.owner().equals(logins.runtime())) {
                        env.put("DB_MIGRATION_USER", logins.owner().user());
                        env.put("DB_MIGRATION_PASSWORD", logins.owner().password());
                    }
                }
            }
            List<String> command = List.of(Jdks.currentJava(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-jar",
                    options.root().resolve(service.app().jar()).toString());
            stage.add(new Part(service.name(), () -> ServerProcess.start(service.name(), command, env, options.root(), logs),
                    server -> ((ServerProcess) server).awaitReady(() -> Readiness.httpOk(service.readinessUrl()),
                            options.ha() ? SERVICE_START_HA : SERVICE_START)));
        }
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (Part part : stage) {
            part.server = part.launch.get();
        }
        register(stage);
        for (Part part : stage) {
            started.add(CompletableFuture.runAsync(() -> {
                long s = System.nanoTime();
                part.ready.accept(part.server);
                took(part.name, s);
                log.info("{} is ready", part.name);
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
            took(services.size() + " applications (together)", t);
        }
    }

    /** Starts one part that is ready when its start returns, and records it as a stage of its own. */
    @SuppressWarnings("unchecked")
    private <T extends AutoCloseable> T startAlone(String name, Supplier<T> start) {
        Part part = new Part(name, start::get);
        part.server = part.launch.get();
        register(List.of(part));
        return (T) part.server;
    }

    private synchronized void register(List<Part> stage) {
        stages.add(stage);
        stage.forEach(part -> parts.put(part.name, part));
    }

    // --- for the reliability drills: every part by name, its process, a kill and a restart ---

    /** The parts' names in start order: postgres, kafka(-1…3), s3proxy, keycloak, redis, nginx, the applications. */
    synchronized List<String> parts() {
        return List.copyOf(parts.keySet());
    }

    /** The operating-system process id of a part (PostgreSQL's postmaster for "postgres"). */
    synchronized long pid(String name) {
        AutoCloseable server = part(name).server;
        ServerProcess process = server instanceof ServerProcess p ? p
                : server instanceof KafkaBroker k ? k.process()
                : server instanceof ObjectStore o ? o.process()
                : server instanceof KeycloakServer k ? k.process()
                : server instanceof RedisServer r ? r.process()
                : server instanceof LoadBalancer l ? l.process()
                : server instanceof MailServer m ? m.process()
                : null;
        if (process != null) {
            return process.pid();
        }
        if (server instanceof PostgresServer pg) {
            return pg.pid();
        }
        throw new IllegalStateException("no process known for " + name);
    }

    /** Kills a part at once (SIGKILL to it and its children), as a crash or a pulled plug would. */
    void kill(String name) {
        part(name).held = true;
        ProcessHandle.of(pid(name)).ifPresent(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.onExit().join();
        });
        log.info("killed {}", name);
    }

    /** Starts a part again as it was first started (stopping it first if it still runs) and waits until it is ready. */
    void restart(String name) {
        Part part = part(name);
        part.held = false;
        // Closed even when it died: a killed PostgreSQL's embedded handle still holds the lock on its data
        // folder in this JVM until closed, and the new server on the same data could not take it.
        closeQuietly(part);
        long t = System.nanoTime();
        AutoCloseable server = part.launch.get();
        synchronized (this) {
            part.server = server;
        }
        part.ready.accept(server);
        log.info("{} restarted in {} ms", name, Duration.ofNanos(System.nanoTime() - t).toMillis());
    }

    /**
     * From now on a part whose process ends while the platform runs (a crash, an out-of-memory kill, a SIGKILL) is
     * started again on its own, after {@link LaunchOptions#restartDelay()} and then after ever longer pauses (up to a
     * minute) while its start fails. A part killed by {@link #kill} is the drill's to start again, and a stop ends the watching.
     */
    synchronized void restartPartsThatDie() {
        if (supervisor == null) {
            // A thread each: a service that cannot start while PostgreSQL is down must not keep PostgreSQL waiting.
            supervisor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "restart-parts-that-die");
                thread.setDaemon(true);
                return thread;
            });
            parts.values().forEach(this::watch);
        }
    }

    private void watch(Part part) {
        long pid = pid(part.name);
        ProcessHandle.of(pid).map(ProcessHandle::onExit)
                .orElseGet(() -> CompletableFuture.completedFuture(null))
                .thenRunAsync(() -> startAgain(part, pid), supervisor);
    }

    private void startAgain(Part part, long pid) {
        if (stopped || part.held || pidOrNone(part) != pid) {
            return; // stopping, killed by a drill, or started again already
        }
        Duration pause = options.restartDelay(); // systemd's RestartSec
        log.warn("{} (pid {}) ended while the platform runs; starting it again", part.name, pid);
        while (!stopped && !part.held) {
            try {
                Thread.sleep(pause.toMillis());
                if (stopped || part.held) {
                    return;
                }
                restart(part.name);
                watch(part);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                pause = pause.multipliedBy(2).plusSeconds(1).compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1)
                        : pause.multipliedBy(2).plusSeconds(1);
                log.error("{} did not start again ({}); next try in {} s", part.name, e.getMessage(), pause.toSeconds());
            }
        }
    }

    /** The part's process id, or -1 where it has none (a PostgreSQL whose postmaster is gone). */
    private long pidOrNone(Part part) {
        try {
            return pid(part.name);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private synchronized Part part(String name) {
        Part part = parts.get(name);
        if (part == null) {
            throw new IllegalArgumentException("no part " + name + " in " + parts.keySet());
        }
        return part;
    }

    private void checkJars() {
        for (App app : App.values()) {
            Path jar = options.root().resolve(app.jar());
            if (!Files.isRegularFile(jar)) {
                throw new StartupFailure(app.module, null, jar + " is missing: build first with ./mvnw install -DskipTests");
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
        if (supervisor != null) {
            supervisor.shutdownNow();
        }
        for (int i = stages.size() - 1; i >= 0; i--) {
            CompletableFuture.allOf(stages.get(i).stream()
                    .map(part -> CompletableFuture.runAsync(() -> closeQuietly(part)))
                    .toArray(CompletableFuture[]::new)).join();
        }
        // A part still starting when the stop came is not in a stage yet.
        ServerProcess.stopAllStarted(logs, Duration.ofSeconds(10));
    }

    private static void closeQuietly(Part part) {
        try {
            part.server.close();
        } catch (Exception e) {
            log.warn("stopping {} failed: {}", part.name, e.getMessage());
        }
    }

    /** A started server, how to start it again and how to tell it is ready. */
    private static final class Part {
        final String name;
        final Supplier<AutoCloseable> launch;
        final java.util.function.Consumer<AutoCloseable> ready;
        volatile AutoCloseable server;
        /** Killed on purpose by a drill, which starts it again itself: not restarted by the supervisor. */
        volatile boolean held;

        Part(String name, Supplier<AutoCloseable> launch) {
            this(name, launch, server -> { });
        }

        Part(String name, Supplier<AutoCloseable> launch, java.util.function.Consumer<AutoCloseable> ready) {
            this.name = name;
            this.launch = launch;
            this.ready = ready;
        }
    }
}
