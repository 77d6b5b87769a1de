package io.kaohe.audit;

import io.kaohe.audit.chain.ChainVerifier;
import io.kaohe.audit.chain.Verification;
import io.kaohe.audit.retention.ArchiveFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@code java -jar audit-service.jar --verify [--db-url=… --db-user=… --db-password=… --archive-dir=…]}:
 * walks the chain in the audit database (DB_URL, DB_USER, DB_PASSWORD, AUDIT_ARCHIVE_DIR as the service
 * reads them, unless given), prints the count verified, the head and every broken link, and exits 0 when
 * the chain is intact, 2 when it is not, 1 when it cannot be read. Reads only; needs no Kafka or Keycloak.
 */
public final class VerifyCommand {

    private VerifyCommand() {
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        String url = option(args, "db-url", env.getOrDefault("DB_URL", "jdbc:postgresql://127.0.0.1:15432/audit"));
        String user = option(args, "db-user", env.getOrDefault("DB_USER", "postgres"));
        String password = option(args, "db-password", env.getOrDefault("DB_PASSWORD", ""));
        Path archives = Path.of(option(args, "archive-dir", env.getOrDefault("AUDIT_ARCHIVE_DIR", "audit-archive")));
        try {
            SingleConnectionDataSource db = new SingleConnectionDataSource(url, user, password, true);
            try {
                ArchiveFiles files = new ArchiveFiles(archives);
                Verification result = new ChainVerifier(new JdbcTemplate(db), Clock.systemUTC(), files::sm3).verify();
                out.println(report(result));
                return result.intact() ? 0 : 2;
            } finally {
                db.destroy();
            }
        } catch (RuntimeException e) {
            out.println("审计链无法读取 / the audit chain cannot be read: " + e.getMessage());
            return 1;
        }
    }

    static String report(Verification v) {
        StringBuilder b = new StringBuilder();
        b.append(v.intact() ? "审计链完整 / audit chain intact" : "审计链已被破坏 / audit chain BROKEN").append('\n');
        b.append("verified ").append(v.verifiedCount()).append(" record(s)");
        if (v.firstSeq() != null) {
            b.append(", positions ").append(v.firstSeq()).append("–").append(v.lastSeq());
        }
        b.append("; archives ").append(v.archivesChecked()).append("; head ").append(v.headDigest()).append('\n');
        for (Verification.Problem p : v.problems()) {
            b.append("  ").append(p.kind()).append(" at ").append(p.seq()).append(": ").append(p.detail()).append('\n');
        }
        return b.toString().stripTrailing();
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }

}
