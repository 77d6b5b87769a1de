package io.kaohe.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.servers.Readiness;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx with the bundle's own nginx/kaohe.conf, moved to the test's ports and given a
 * certificate made for this test by Debian's openssl; runs in the foreground as the test's child.
 */
final class TlsProxy implements AutoCloseable {

    static final String NGINX = System.getenv().getOrDefault("NGINX_PATH", "/usr/sbin/nginx");

    private final Process process;
    private final Path dir;

    private TlsProxy(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /** A self-signed certificate for 127.0.0.1 and localhost: dir/tls.crt and dir/tls.key. */
    static void makeCertificate(Path dir) {
        Commands.Result made = Commands.run(dir, Map.of(), Duration.ofMinutes(1), List.of("openssl", "req", "-x509",
                "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", dir.resolve("tls.key").toString(), "-out", dir.resolve("tls.crt").toString()));
        assertThat(made.exitCode()).as("openssl: " + made.output()).isZero();
    }

    /** The certificate in a PKCS12 trust store, as kaohe.env's KAOHE_TRUSTSTORE names it for the applications. */
    static KeyStore trustStore(Path dir, Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("tls.crt"))) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            store.setCertificateEntry("kaohe-test", certificate);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        return store;
    }

    /**
     * Starts nginx with the shipped site configuration, changed only where this machine differs from
     * a county's server: ports, certificate paths, loopback-only listening.
     */
    static TlsProxy start(Path shippedConf, Path dir, int httpsPort, int httpPort, int gatewayPort, int keycloakPort)
            throws IOException, InterruptedException {
        assertThat(Path.of(NGINX)).as("the bundle test puts Debian's nginx in front: apt-get install -y "
                + "--no-install-recommends nginx (or set NGINX_PATH); .ci/run installs it").isExecutable();
        String site = Files.readString(shippedConf);
        site = replace(site, "server 127.0.0.1:8080;", "server 127.0.0.1:" + gatewayPort + ";");
        site = replace(site, "server 127.0.0.1:8180;", "server 127.0.0.1:" + keycloakPort + ";");
        site = replace(site, "listen 80;", "listen 127.0.0.1:" + httpPort + ";");
        site = replace(site, "listen 443 ssl http2;", "listen 127.0.0.1:" + httpsPort + " ssl http2;");
        site = site.replaceAll("(?m)^\\s*listen \\[::\\]:.*$", "");
        site = replace(site, "/etc/kaohe/tls/kaohe.crt", dir.resolve("tls.crt").toString());
        site = replace(site, "/etc/kaohe/tls/kaohe.key", dir.resolve("tls.key").toString());
        Files.writeString(dir.resolve("kaohe.conf"), site);
        Files.writeString(dir.resolve("nginx.conf"), """
                user root;
                worker_processes 1;
                error_log %1$s/error.log info;
                pid %1$s/nginx.pid;
                events { worker_connections 256; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/kaohe.conf;
                }
                """.formatted(dir));
        Commands.Result check = Commands.run(dir, Map.of(), Duration.ofSeconds(30),
                List.of(NGINX, "-t", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString()));
        assertThat(check.exitCode()).as("nginx -t: " + check.output()).isZero();
        Process nginx = new ProcessBuilder(NGINX, "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Readiness.portOpen("127.0.0.1", httpsPort)) {
            assertThat(nginx.isAlive()).as("nginx: " + Files.readString(dir.resolve("nginx.out"))).isTrue();
            assertThat(System.nanoTime()).as("nginx listening on " + httpsPort).isLessThan(deadline);
            Thread.sleep(200);
        }
        return new TlsProxy(nginx, dir);
    }

    private static String replace(String text, String shipped, String here) {
        assertThat(text).as("nginx/kaohe.conf still has '" + shipped + "'").contains(shipped);
        return text.replace(shipped, here);
    }

    Path accessLog() {
        return dir.resolve("access.log");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
