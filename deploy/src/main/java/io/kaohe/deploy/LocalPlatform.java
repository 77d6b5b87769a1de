package io.kaohe.deploy;

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
 * The whole platform on this machine: PostgreSQL; then Kafka, s3proxy, GreenMail (SMTP) and Keycloak at once; the
 * gateway and the six services together once all four are ready; each waited for on its health, not a sleep. The
 * applications run from their extracted jars with class-data archives ({@link ApplicationJvm}).
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
    /** One application's training run at the lowest priority, beside a busy platform. */
    private static final Duration TRAINING = Duration.ofMinutes(10);
    /** A thread per start: they mostly wait (for a port, a health check), and the common pool may have one thread. */
    private static final java.util.concurrent.Executor OWN_THREAD = runnable -> {
        Thread thread = new Thread(runnable, "platform-start");
        thread.setDaemon(true);
        thread.start();
    };

    private final LaunchOptions options;
    private final Ports ports;
    private final Path logs;
    /** What started together, in start order: stopped stage by stage in reverse, each stage's parts at once. */
    private final List<List<Part>> stages = new ArrayList<>();
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private final Map<String, Duration> startTimes = new LinkedHashMap<>();
    /** Each database's roles on the embedded server; empty with an external one (one role for all). */
    private final Map<String, DatabaseRoles.DatabaseLogins> databaseLogins = new HashMap<>();
    /** How each application's JVM starts (its extracted jar and class-data archive). */
    private final Map<App, ApplicationJvm> jvms = new java.util.EnumMap<>(App.class);
    /** The environment of each application's training run (its first instance's). */
    private final Map<App, Map<String, String>> trainingEnvironments = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean stopped;
    /** Watches the parts' processes once {@link #restartPartsThatDie} is on; a thread per part that died. */
    private ExecutorService supervisor;

    LocalPlatform(LaunchOptions options) {
        this.options = options;
        this.ports = new Ports(options.portOffset());
        this.logs = options.dataDir().resolve("logs");
        for (App app : App.values()) {
            jvms.put(app, new ApplicationJvm(app, options.root(), options.runtimesDir(), logs));
        }
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

        // Kafka, s3proxy and GreenMail need nothing but a folder, Keycloak only its database: all four start at
        // once. The services would not need Keycloak to start (they fetch its keys when first asked), but the gateway
        // does (its login discovers Keycloak's endpoints), and Keycloak started beside six JVMs took 42 s where alone
        // it takes 9 s (docs/benchmarks/platform.md): the platform was up only when Keycloak and then the gateway were.
        // So the applications start once Keycloak is ready, and the cores are Keycloak's until then.
        String jdbcKeycloak = jdbcBase + "keycloak";
        String kcUser = databaseLogins.containsKey("keycloak") ? databaseLogins.get("keycloak").runtime().user() : dbUser;
        String kcPassword = databaseLogins.containsKey("keycloak") ? databaseLogins.get("keycloak").runtime().password()
                : dbPassword;
        CompletableFuture<KeycloakServer> keycloak = inBackground(() -> startAlone("keycloak", () -> KeycloakServer.start(
                options.runtimesDir(), ports.keycloak(), ports.keycloakManagement(), jdbcKeycloak, kcUser, kcPassword,
                List.of(options.root().resolve("deploy/keycloak/kaohe-realm.json")), "admin", logs,
                options.ha() ? SERVICE_START_HA : SERVICE_START)));
        CompletableFuture<Void> extracted = inBackground(() -> {
            jvms.values().parallelStream().forEach(ApplicationJvm::prepare);
            return null;
        });
        CompletableFuture<String> kafka = inBackground(() -> options.ha() ? startKafkaCluster(System.nanoTime())
                : startAlone("kafka", () -> KafkaBroker.start(data.resolve("kafka"), ports.kafka(), ports.kafkaController(),
                        logs, SERVER_START)).bootstrapServers());
        CompletableFuture<ObjectStore> s3 = inBackground(() -> startAlone("s3proxy", () -> ObjectStore.start(
                data.resolve("s3"), ports.objectStore(), "kaohe", "kaohe-local-secret", logs, Duration.ofMinutes(1))));
        CompletableFuture<MailServer> smtp = inBackground(() -> startAlone("greenmail", () -> MailServer.start(
                options.dataDir().resolve("greenmail"), ports.mailSmtp(), ports.mailImap(), ports.mailApi(), logs,
                Duration.ofMinutes(1))));
        String kafkaBootstrap = await(kafka, keycloak);
        ObjectStore store = await(s3, keycloak);
        MailServer mail = await(smtp, keycloak);
        await(extracted, keycloak);

        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP", kafkaBootstrap);
        common.put("ISSUER_URI", "http://127.0.0.1:" + ports.keycloak() + "/realms/" + REALM); // KeycloakServer#issuer
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
        await(keycloak, CompletableFuture.completedFuture(null));
        if (!options.ha()) {
            // The gateway needs none of the services to start (its readiness is its own): all seven at once.
            List<Service> applications = new ArrayList<>(App.SERVICES.stream()
                    .map(app -> service(app, app.module, ports.entry(app), own)).toList());
            applications.add(service(App.GATEWAY, App.GATEWAY.module, ports.gateway(), own));
            startTogether(applications, common, jdbcBase, CompletableFuture.completedFuture(null));
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
        startTogether(App.SERVICES.stream().map(app -> instance(app, 1, own)).toList(), common, jdbcBase,
                CompletableFuture.completedFuture(null));
        List<Service> rest = new ArrayList<>(App.SERVICES.stream().map(app -> instance(app, 2, own)).toList());
        rest.add(instance(App.GATEWAY, 1, own));
        rest.add(instance(App.GATEWAY, 2, own));
        startTogether(rest, common, jdbcBase, CompletableFuture.completedFuture(null));
    }

    /** Runs a part's start on a thread of its own. */
    private static <T> CompletableFuture<T> inBackground(Supplier<T> start) {
        return CompletableFuture.supplyAsync(start, OWN_THREAD);
    }

    /**
     * The result of a start running in the background; its failure is the launch's. On a failure it first waits for
     * {@code alsoRunning} to end, so that nothing is still being started while the launcher stops what was.
     */
    private static <T> T await(CompletableFuture<T> started, CompletableFuture<?> alsoRunning) {
        try {
            return started.join();
        } catch (CompletionException e) {
            alsoRunning.handle((result, failure) -> null).join();
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private String startKafkaCluster(long t) {
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
        took("kafka", t);
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

    /**
     * Starts the applications at once and waits for every one; the first failure stops the launch (after
     * {@code alsoRunning}, another start under way, has ended).
     */
    private void startTogether(List<Service> services, Map<String, String> common, String jdbcBase,
                               CompletableFuture<?> alsoRunning) {
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
            ApplicationJvm jvm = jvms.get(service.app());
            trainingEnvironments.putIfAbsent(service.app(), ApplicationJvm.trainingEnvironment(env));
            // Made at each (re)start: a restart uses the class-data archive recorded since.
            stage.add(new Part(service.name(), () -> ServerProcess.start(service.name(), jvm.command(), env,
                    options.root(), logs),
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
        await(CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)), alsoRunning);
        if (services.size() > 1) {
            took(services.size() + " applications (together)", t);
        }
    }

    /** Starts one part that is ready when its start returns, and records it as a stage of its own. */
    @SuppressWarnings("unchecked")
    private <T extends AutoCloseable> T startAlone(String name, Supplier<T> start) {
        long t = System.nanoTime();
        Part part = new Part(name, start::get);
        part.server = part.launch.get();
        register(List.of(part));
        took(name, t);
        return (T) part.server;
    }

    private synchronized void register(List<Part> stage) {
        stages.add(stage);
        stage.forEach(part -> parts.put(part.name, part));
    }

    /**
     * Once the platform is up: records the class-data archive of each application that has none (a new jar) in a
     * training run, one after another at the lowest CPU priority, for the next start (ApplicationJvm). A stop ends it;
     * a run that does not end well leaves no archive, and the next start tries again.
     */
    void recordClassDataInBackground() {
        List<App> untrained = java.util.Arrays.stream(App.values()).filter(app -> jvms.get(app).needsTraining()
                && trainingEnvironments.containsKey(app)).toList();
        if (untrained.isEmpty()) {
            return;
        }
        Thread thread = new Thread(() -> {
            long t = System.nanoTime();
            int recorded = 0;
            for (App app : untrained) {
                ServerProcess training;
                synchronized (this) {
                    if (stopped) {
                        return;
                    }
                    training = ServerProcess.start(app.module + "-training", jvms.get(app).trainingCommand(),
                            trainingEnvironments.get(app), options.root(), logs);
                }
                try {
                    training.awaitExit(TRAINING);
                } catch (RuntimeException e) {
                    training.stop(Duration.ofSeconds(5));
                }
                if (stopped) {
                    jvms.get(app).trained(null);
                    return;
                }
                recorded += jvms.get(app).trained(training.exitCode()) ? 1 : 0;
            }
            log.info("{} of {} class-data archives recorded in {} s; the next start uses them", recorded,
                    untrained.size(), Duration.ofNanos(System.nanoTime() - t).toSeconds());
        }, "class-data-training");
        thread.setDaemon(true);
        thread.start();
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
