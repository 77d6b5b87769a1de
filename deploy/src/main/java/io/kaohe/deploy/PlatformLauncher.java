package io.kaohe.deploy;

import io.kaohe.servers.StartupFailure;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
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
        out.println(banner(platform, options, Duration.ofNanos(System.nanoTime() - started)));
        stopped.await();
    }

    static String banner(LocalPlatform platform, LaunchOptions options, Duration took) {
        Ports p = platform.ports();
        StringBuilder b = new StringBuilder();
        b.append("\n考核平台 is up (").append(took.toSeconds()).append(" s). Press Ctrl-C to stop.\n\n");
        b.append(String.format("  %-22s http://127.0.0.1:%d/%n", "Portal (gateway)", p.gateway()));
        b.append(String.format("  %-22s http://127.0.0.1:%d/admin/ (admin / admin)%n", "Keycloak", p.keycloak()));
        for (Map.Entry<String, Integer> api : Map.of("rubric-service", p.rubric(), "evidence-service", p.evidence(),
                "scoring-service", p.scoring(), "workflow", p.workflow()).entrySet().stream()
                .sorted(Map.Entry.comparingByValue()).toList()) {
            b.append(String.format("  %-22s http://127.0.0.1:%d/swagger-ui.html%n", api.getKey(), api.getValue()));
        }
        b.append(String.format("  %-22s 127.0.0.1:%d (databases %s)%n", "PostgreSQL", p.postgres(),
                String.join(", ", LocalPlatform.DATABASES)));
        b.append(String.format("  %-22s 127.0.0.1:%d%n", "Kafka", p.kafka()));
        b.append(String.format("  %-22s http://127.0.0.1:%d (kaohe / kaohe-local-secret)%n", "S3 (s3proxy)", p.objectStore()));
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
