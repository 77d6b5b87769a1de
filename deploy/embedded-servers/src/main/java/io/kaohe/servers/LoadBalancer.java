package io.kaohe.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real load balancer: Debian's nginx (see deploy/bin/ensure-packages) as its own process, its
 * configuration generated into {@code dataDir} at each start. Each {@link Route} is a loopback port
 * spread round robin over its instances; an instance that refuses or times out a connection is
 * skipped for the next one ({@code proxy_next_upstream error timeout}) and rested for a few
 * seconds. Bodies stream both ways (evidence uploads are never buffered), the client's Host is
 * kept (the gateway builds its login redirect from it), and every answer names the instance that
 * gave it in {@code X-Kaohe-Upstream} (local platform only: it shows the balancing at work).
 */
public final class LoadBalancer implements AutoCloseable {

    public static final String EXECUTABLE = "nginx";

    /** A port the balancer listens on and the instances' ports behind it. */
    public record Route(String name, int port, List<Integer> instances) {
    }

    private final ServerProcess process;
    private final List<Route> routes;

    private LoadBalancer(ServerProcess process, List<Route> routes) {
        this.process = process;
        this.routes = routes;
    }

    public static LoadBalancer start(Path dataDir, List<Route> routes, Path logDir, Duration timeout) {
        Path config = dataDir.resolve("nginx.conf");
        try {
            Files.createDirectories(logDir);
            // Workers run as nobody when the master is root: they must be able to write their buffers.
            for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
                Path dir = Files.createDirectories(dataDir.resolve("temp").resolve(temp));
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
            Files.writeString(config, configuration(dataDir, routes, logDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(Executables.find(EXECUTABLE, "nginx"), "-e", "stderr",
                "-p", dataDir.toAbsolutePath() + "/", "-c", config.toAbsolutePath().toString());
        ServerProcess process = ServerProcess.start("nginx", command, Map.of(), dataDir, logDir);
        try {
            process.awaitReady(() -> routes.stream().allMatch(r -> Readiness.portOpen("127.0.0.1", r.port())), timeout);
        } catch (RuntimeException e) {
            process.stop(Duration.ofSeconds(5));
            throw e;
        }
        return new LoadBalancer(process, routes);
    }

    static String configuration(Path dataDir, List<Route> routes, Path logDir) {
        Path temp = dataDir.resolve("temp").toAbsolutePath();
        StringBuilder c = new StringBuilder();
        c.append("# Written by the platform launcher at each start (io.kaohe.servers.LoadBalancer); edits are lost.\n");
        c.append("daemon off;\nworker_processes 1;\n");
        c.append("pid ").append(dataDir.toAbsolutePath().resolve("nginx.pid")).append(";\n");
        c.append("error_log stderr warn;\n");
        c.append("events { worker_connections 1024; }\n\n");
        c.append("http {\n");
        c.append("    log_format upstream '$remote_addr [$time_local] \"$request\" $status $body_bytes_sent '\n");
        c.append("                        'upstream=$upstream_addr upstream_status=$upstream_status time=$request_time';\n");
        c.append("    access_log ").append(logDir.toAbsolutePath().resolve("nginx-access.log")).append(" upstream;\n");
        for (String t : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            c.append("    ").append(t).append("_temp_path ").append(temp.resolve(t)).append(";\n");
        }
        c.append("""
                    # The applications enforce their own size limits (evidence: 200 MB per file).
                    client_max_body_size 0;
                    proxy_request_buffering off;
                    proxy_buffering off;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_connect_timeout 2s;
                    proxy_send_timeout 300s;
                    proxy_read_timeout 300s;
                    # A refused or timed-out connection goes to the other instance; a request already sent
                    # that is not idempotent (POST) is never sent twice.
                    proxy_next_upstream error timeout;
                    proxy_next_upstream_tries 2;
                """);
        for (Route route : routes) {
            c.append("\n    upstream ").append(route.name()).append(" {\n");
            for (int port : route.instances()) {
                c.append("        server 127.0.0.1:").append(port).append(" max_fails=1 fail_timeout=5s;\n");
            }
            c.append("        keepalive 16;\n    }\n");
            c.append("    server {\n");
            c.append("        listen 127.0.0.1:").append(route.port()).append(";\n");
            c.append("        location / {\n");
            c.append("            proxy_pass http://").append(route.name()).append(";\n");
            c.append("            add_header X-Kaohe-Upstream $upstream_addr always;\n");
            c.append("        }\n    }\n");
        }
        return c.append("}\n").toString();
    }

    public List<Route> routes() {
        return routes;
    }

    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(15));
    }
}
