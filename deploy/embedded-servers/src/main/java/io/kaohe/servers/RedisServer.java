package io.kaohe.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Redis server (Debian's {@code redis-server}, see deploy/bin/ensure-packages) as its own
 * process, bound to loopback, its data (append-only file) kept in {@code dataDir}: the gateways'
 * shared session store in the local HA platform.
 */
public final class RedisServer implements AutoCloseable {

    public static final String EXECUTABLE = "redis-server";

    private final ServerProcess process;
    private final int port;

    private RedisServer(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static RedisServer start(Path dataDir, int port, Path logDir, Duration timeout) {
        int redisPort = port == 0 ? PostgresServer.freePort() : port;
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(Executables.find(EXECUTABLE, "redis-server"),
                "--port", Integer.toString(redisPort), "--bind", "127.0.0.1", "--protected-mode", "yes",
                "--dir", dataDir.toAbsolutePath().toString(), "--appendonly", "yes", "--save", "",
                "--daemonize", "no", "--logfile", "");
        ServerProcess process = ServerProcess.start("redis", command, Map.of(), dataDir, logDir);
        try {
            process.awaitReady(() -> pong(redisPort), timeout);
        } catch (RuntimeException e) {
            process.stop(Duration.ofSeconds(5));
            throw e;
        }
        return new RedisServer(process, redisPort);
    }

    /** True when Redis answers PING on the port. */
    static boolean pong(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[7];
            int read = in.readNBytes(answer, 0, answer.length);
            return new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** What Spring Boot's {@code spring.data.redis.url} takes. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(15));
    }
}
