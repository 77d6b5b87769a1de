package io.kaohe.deploy;

import io.kaohe.servers.StartupFailure;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./platform}: starts the whole platform on embedded real servers, prints where
 * everything is and who can log in, and stops it all cleanly on Ctrl-C.
 */
public final class PlatformLauncher {

    private PlatformLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getenv());
        } catch (LaunchOptions.UsageException e) {
            out.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalPlatform platform = new LocalPlatform(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\nStopping the platform …");
            platform.close();
            out.println("Stopped. Data kept in " + options.dataDir());
            stopped.countDown();
        }, "platform-stop"));

        long started = System.nanoTime();
        try {
            platform.start();
        } catch (StartupFailure e) {
            out.println("\n*** " + e.getMessage());
            if (e.logFile() != null) {
                out.println("*** see " + e.logFile());
            }
            System.exit(1);
        }
        platform.restartPartsThatDie();
        out.println(banner(platform, options, Duration.ofNanos(System.nanoTime() - started)));
        platform.recordClassDataInBackground();
        stopped.await();
    }

    static String banner(LocalPlatform platform, LaunchOptions options, Duration took) {
        Ports p = platform.ports();
        StringBuilder b = new StringBuilder();
        b.append("\n考核平台 is up").append(platform.ha() ? " in HA mode" : "").append(" (").append(took.toSeconds())
                .append(" s). Press Ctrl-C to stop; a part that dies is started again.\n\n");
        b.append(String.format("  %-22s http://127.0.0.1:%d/%s%n", "Portal (gateway)", p.gateway(),
                platform.ha() ? " (nginx in front of both gateways)" : ""));
        b.append(String.format("  %-22s http://127.0.0.1:%d/admin/ (admin / admin)%n", "Keycloak", p.keycloak()));
        // Each service's API documents: Swagger UI on its management port (its own port + 1000), never on the port the
        // gateway forwards to (in HA mode the first instance's).
        for (App app : App.SERVICES) {
            int port = platform.ha() ? p.instance(app, 1) : p.entry(app);
            b.append(String.format("  %-22s http://127.0.0.1:%d/actuator/swagger-ui%n", app.module, Ports.management(port)));
        }
        if (platform.ha()) {
            b.append("\n  Instances (app port / management port, behind nginx):\n");
            for (App app : App.values()) {
                for (int replica = 1; replica <= LocalPlatform.REPLICAS; replica++) {
                    int port = p.instance(app, replica);
                    b.append(String.format("    %-20s %d / %d%n", app.module + "-" + replica, port, Ports.management(port)));
                }
            }
            b.append('\n');
        } else {
            b.append(String.format("  %-22s app port + 1000 (e.g. http://127.0.0.1:%d/actuator/prometheus)%n",
                    "Health and metrics", Ports.management(p.gateway())));
        }
        b.append(String.format("  %-22s 127.0.0.1:%d (databases %s)%n", "PostgreSQL", p.postgres(),
                String.join(", ", LocalPlatform.DATABASES)));
        if (platform.ha()) {
            StringBuilder nodes = new StringBuilder();
            for (int i = 1; i <= LocalPlatform.KAFKA_NODES; i++) {
                nodes.append(i > 1 ? ", " : "").append("127.0.0.1:").append(p.kafkaNode(i));
            }
            b.append(String.format("  %-22s %s (replication factor %d, min.insync.replicas 2)%n", "Kafka (3 nodes)", nodes,
                    LocalPlatform.KAFKA_NODES));
            b.append(String.format("  %-22s 127.0.0.1:%d (the gateways' sessions)%n", "Redis", p.redis()));
        } else {
            b.append(String.format("  %-22s 127.0.0.1:%d%n", "Kafka", p.kafka()));
        }
        b.append(String.format("  %-22s http://127.0.0.1:%d (kaohe / kaohe-local-secret)%n", "S3 (s3proxy)", p.objectStore()));
        b.append(String.format("  %-22s 127.0.0.1:%d; what was sent: %s/api/user/{address}/messages/INBOX%n",
                "SMTP (GreenMail)", p.mailSmtp(), "http://127.0.0.1:" + p.mailApi()));
        b.append("\nDemo accounts (password: demo)\n");
        for (String[] account : DemoAccounts.ALL) {
            b.append(String.format("  %-16s %-16s %s%n", account[0], account[1], account[2]));
        }
        b.append("  ").append(DemoAccounts.SECOND_FACTOR_NOTE).append('\n');
        b.append("\nData: ").append(options.dataDir()).append("   Logs: ").append(platform.logs()).append('\n');
        b.append("Start-up: ");
        platform.startTimes().forEach((part, d) -> b.append(part).append(' ').append(d.toMillis()).append(" ms; "));
        return b.append('\n').toString();
    }
}
