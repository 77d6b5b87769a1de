package io.kaohe.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.testsupport.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the bundle ships, checked file by file before it is packed (the install test runs it). */
class BundleContentTest {

    private static final Path BUNDLE = Path.of("src/bundle");
    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
    private static final Pattern LATIN = Pattern.compile("[A-Za-z]{3,}");

    @Test
    void everySettingInKaoheEnvIsExplainedInChineseAndEnglish() throws IOException {
        List<String> lines = Files.readAllLines(BUNDLE.resolve("conf/kaohe.env"));
        List<String> unexplained = new ArrayList<>();
        int settings = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).matches("[A-Z][A-Z0-9_]*=.*")) {
                continue;
            }
            settings++;
            int j = i - 1;
            while (j >= 0 && lines.get(j).matches("[A-Z][A-Z0-9_]*=.*")) {
                j--; // settings that share one explanation (e.g. S3_ACCESS_KEY and S3_SECRET_KEY)
            }
            StringBuilder comment = new StringBuilder();
            for (; j >= 0 && lines.get(j).startsWith("#") && !lines.get(j).startsWith("# ----"); j--) {
                comment.append(lines.get(j));
            }
            if (!CJK.matcher(comment).find() || !LATIN.matcher(comment).find()) {
                unexplained.add(lines.get(i));
            }
        }
        assertThat(settings).isGreaterThan(30);
        assertThat(unexplained).isEmpty();
    }

    @Test
    void kaoheEnvShipsNoSecretAndTheProductionProfile() throws IOException {
        String env = Files.readString(BUNDLE.resolve("conf/kaohe.env"));
        assertThat(env).contains("\nSPRING_PROFILES_ACTIVE=production\n");
        for (String secret : List.of("GATEWAY_CLIENT_SECRET", "KAOHE_SERVICES_SECRET", "DB_PASSWORD", "S3_SECRET_KEY",
                "S3_ACCESS_KEY", "REDIS_PASSWORD", "KAOHE_TRUSTSTORE_PASSWORD", "KAOHE_DIRECTORY_SECRET", "KAOHE_WEBHOOK_SECRET",
                "SPRING_MAIL_PASSWORD", "AUDIT_DB_MIGRATION_PASSWORD")) {
            assertThat(env).as(secret + " ships empty").containsPattern("(?m)^" + secret + "=$");
        }
        assertThat(env).doesNotContain("local-secret");
    }

    @Test
    void everySystemdUnitRunsItsApplicationAsKaoheWithTheHardening() throws IOException {
        for (String app : InstalledBundle.APPS) {
            String unit = Files.readString(BUNDLE.resolve("systemd/kaohe-" + app + ".service"));
            assertThat(unit).as(app).contains("\nUser=kaohe\n", "\nEnvironmentFile=/opt/kaohe/conf/kaohe.env\n",
                    "\nExecStart=/opt/kaohe/bin/kaohe run " + app + "\n", "\nNoNewPrivileges=yes\n",
                    "\nProtectSystem=strict\n", "\nReadWritePaths=/opt/kaohe/logs /opt/kaohe/run /opt/kaohe/tmp"
                            + (app.equals("audit-service") ? " /opt/kaohe/audit-archive\n" : "\n"),
                    "\nPrivateTmp=yes\n", "\nCapabilityBoundingSet=\n", "\nWantedBy=kaohe.target\n");
            assertThat(Files.readString(BUNDLE.resolve("systemd/kaohe.target"))).contains("kaohe-" + app + ".service");
        }
    }

    @Test
    void theAuditTrailIsInstalledWithItsOwnRoleArchiveAndVerification() throws IOException {
        String env = Files.readString(BUNDLE.resolve("conf/kaohe.env"));
        assertThat(env).containsPattern("(?m)^AUDIT_PORT=8086$").containsPattern("(?m)^AUDIT_RUNTIME_ROLE=kaohe_audit_runtime$")
                .containsPattern("(?m)^AUDIT_RETENTION=P180D$").containsPattern("(?m)^AUDIT_ARCHIVE_DIR=")
                .containsPattern("(?m)^#AUDIT_DB_USER=$").containsPattern("(?m)^#AUDIT_DB_PASSWORD=$");
        String script = Files.readString(BUNDLE.resolve("bin/kaohe"));
        assertThat(script).contains("audit-service) echo \"${AUDIT_PORT:-8086}\"", "audit-verify) load_settings; cmd_audit_verify",
                "--verify", "AUDIT_ARCHIVE_DIR=\"${AUDIT_ARCHIVE_DIR:-$KAOHE_HOME/audit-archive}\"");
        assertThat(Files.readString(BUNDLE.resolve("systemd/kaohe-gateway.service"))).contains("kaohe-audit-service.service");
        for (String guide : List.of("INSTALL.zh-CN.md", "INSTALL.en.md")) {
            assertThat(Files.readString(BUNDLE.resolve(guide))).as(guide).contains("bin/kaohe audit-verify",
                    "kaohe_audit_runtime", "AUDIT_ARCHIVE_DIR", "pg_dump");
        }
    }

    @Test
    void backupAndRestoreAreOneCommandEachOverAllSevenDatabasesTheArchiveAndTheBucket() throws IOException {
        assertThat(Files.readString(BUNDLE.resolve("bin/kaohe"))).contains("bin/kaohe backup DIR", "bin/kaohe restore DIR",
                ". \"$KAOHE_HOME/backup/kaohe-backup.sh\"");
        String backup = Files.readString(BUNDLE.resolve("backup/kaohe-backup.sh"));
        assertThat(backup).contains("BACKUP_DATABASES=(rubric evidence scoring workflow notification audit keycloak)",
                "\"$PG_DUMP\" -Fc --snapshot", "\"$PG_RESTORE\" --clean --if-exists --single-transaction", "rclone sync",
                "event_publication where completion_date is null", "sha256sum");
        for (String guide : List.of("INSTALL.zh-CN.md", "INSTALL.en.md", "backup/README.md")) {
            assertThat(Files.readString(BUNDLE.resolve(guide))).as(guide).contains("bin/kaohe backup", "bin/kaohe restore")
                    .doesNotContain("预留（`backup/`）", "Reserved (`backup/`)");
        }
        assertThat(Files.readString(BUNDLE.resolve("backup/README.md"))).contains("RPO", "RTO", "archive_command",
                "recovery_target_time", "pg_basebackup");
    }

    @Test
    void nginxTerminatesModernTlsAndStreamsUploadsAsLargeAsEvidenceAccepts() throws IOException {
        String nginx = Files.readString(BUNDLE.resolve("nginx/kaohe.conf"));
        assertThat(nginx).contains("ssl_protocols TLSv1.2 TLSv1.3;", "Strict-Transport-Security",
                "proxy_request_buffering off;", "X-Forwarded-Proto", "location /actuator/");
        String evidenceLimit = setting(Files.readString(TestServers.projectRoot()
                .resolve("evidence-service/src/main/resources/application.yml")), "\\$\\{EVIDENCE_MAX_FILE_SIZE:(\\d+)MB}");
        assertThat(setting(nginx, "client_max_body_size (\\d+)m;")).isEqualTo(evidenceLimit);
        assertThat(setting(Files.readString(BUNDLE.resolve("conf/kaohe.env")), "(?m)^EVIDENCE_MAX_FILE_SIZE=(\\d+)MB$"))
                .isEqualTo(evidenceLimit);
        assertThat(nginx).as("Keycloak's admin console is not proxied").doesNotContain("location /admin");
    }

    private static String setting(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        assertThat(m.find()).as(pattern).isTrue();
        return m.group(1);
    }
}
