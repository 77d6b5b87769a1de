package io.kaohe.support.production;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * With Spring profile {@code production}, a service refuses to start on settings that would run it
 * open: a missing secret, a secret published with the local platform, a token issuer that is not
 * reached over https, the demo data switched on, or a database login that is a superuser. It checks the
 * resolved environment before any bean exists (Kafka and Keycloak are not touched; the database only for one
 * query when every setting is right: is the login a superuser?) and names every fault at once, with the
 * variable to set and what to set it to.
 */
public final class ProductionGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    public static final String PROFILE = "production";

    /** Secrets shipped in this repository (application.yml defaults, the local realm, the launcher). */
    static final Set<String> PUBLISHED_SECRETS = Set.of("kaohe-services-local-secret", "kaohe-gateway-local-secret",
            "kaohe-local-secret", "admin", "kaohe-notification-local-secret", "kaohe-accounts-local-secret",
            "kaohe-webhook-local-secret");

    /** Placeholders of the shipped examples (.env.example, kaohe.env): "change-me-…". */
    static final String EXAMPLE_PREFIX = "change-me";

    /** One setting production needs, checked on its resolved value. */
    record Rule(String property, String variable, Check check, String purpose) {
    }

    enum Check {
        /** Must be set and must not be one of the published secrets. */
        SECRET,
        /** Must be set. */
        REQUIRED,
        /** Must be set only where the application has the setting at all (e.g. the store's keys in evidence-service). */
        SECRET_WHERE_USED,
        REQUIRED_WHERE_USED,
        /** Must be an https URL: browsers log in through TLS and every token names this issuer. */
        HTTPS_ISSUER,
        /** Must not be true. */
        OFF,
        /** Where the application has the setting: an absolute path (a relative one lands in whatever the working folder is). */
        ABSOLUTE_PATH_WHERE_USED
    }

    static final List<Rule> SERVICE_RULES = List.of(
            new Rule("spring.security.oauth2.resourceserver.jwt.issuer-uri", "ISSUER_URI", Check.HTTPS_ISSUER,
                    "Keycloak 域 kaohe 的签发者地址（浏览器经 https 访问的地址）/ the kaohe realm's issuer as browsers reach it "
                            + "over https, e.g. https://kaohe.example.gov.cn/realms/kaohe"),
            new Rule("spring.security.oauth2.client.registration.kaohe-services.client-secret", "KAOHE_SERVICES_SECRET",
                    Check.SECRET, "Keycloak 客户端 kaohe-services 的密钥 / the secret of Keycloak client kaohe-services"),
            new Rule("spring.datasource.url", "DB_URL", Check.REQUIRED,
                    "本服务数据库的 JDBC 地址 / the JDBC URL of this service's own database"),
            new Rule("spring.datasource.password", "DB_PASSWORD", Check.SECRET,
                    "本服务数据库账号的口令 / the password of this service's database role"),
            new Rule("spring.kafka.bootstrap-servers", "KAFKA_BOOTSTRAP", Check.REQUIRED,
                    "Kafka 集群地址 / the Kafka cluster's bootstrap servers"),
            new Rule("kaohe.evidence.s3.endpoint", "S3_ENDPOINT", Check.REQUIRED_WHERE_USED,
                    "对象存储地址 / the object store's endpoint (MinIO, OSS, COS, Ceph)"),
            new Rule("kaohe.evidence.s3.access-key", "S3_ACCESS_KEY", Check.SECRET_WHERE_USED,
                    "对象存储访问密钥 ID / the object store's access key"),
            new Rule("kaohe.evidence.s3.secret-key", "S3_SECRET_KEY", Check.SECRET_WHERE_USED,
                    "对象存储访问密钥 / the object store's secret key"),
            new Rule("spring.security.oauth2.client.registration.kaohe-accounts.client-secret", "KAOHE_ACCOUNTS_SECRET",
                    Check.SECRET_WHERE_USED, "Keycloak 客户端 kaohe-accounts（为名册人员开设账号）的密钥 / the secret of Keycloak "
                            + "client kaohe-accounts (makes the roster's accounts), in rubric-service"),
            new Rule("spring.security.oauth2.client.registration.kaohe-directory.client-secret", "KAOHE_DIRECTORY_SECRET",
                    Check.SECRET_WHERE_USED, "Keycloak 客户端 kaohe-notification-service（读取人员与邮箱）的密钥 / the secret of "
                            + "Keycloak client kaohe-notification-service (reads people and their emails), in notification-service"),
            new Rule("kaohe.notifications.webhook.secret", "KAOHE_WEBHOOK_SECRET", Check.SECRET_WHERE_USED,
                    "Webhook 签名（X-Kaohe-Signature，HMAC-SHA256）的密钥，接收方用它验签 / the key webhook receivers check "
                            + "X-Kaohe-Signature (HMAC-SHA256) with, in notification-service"),
            // audit-service: the trail stays append-only only while the service works as the runtime role, and its
            // archive (records past the retention, never deleted) must land in a folder that is kept and backed up.
            new Rule("kaohe.audit.runtime-role", "AUDIT_RUNTIME_ROLE", Check.REQUIRED_WHERE_USED,
                    "审计服务连接所用的只可追加角色（默认 kaohe_audit_runtime，只能 INSERT/SELECT 审计表）/ the append-only "
                            + "role audit-service's connections work as (default kaohe_audit_runtime: INSERT and SELECT only)"),
            new Rule("kaohe.audit.archive-dir", "AUDIT_ARCHIVE_DIR", Check.ABSOLUTE_PATH_WHERE_USED,
                    "审计归档目录的绝对路径（持久、纳入备份；超过保留期的记录归档到此，不删除）/ the absolute path of "
                            + "the audit archive folder (persistent and backed up: records past the retention go there)"),
            new Rule("spring.flyway.password", "DB_MIGRATION_PASSWORD", Check.SECRET_WHERE_USED,
                    "审计库迁移账号（表的所有者）的口令，未设时用 DB_PASSWORD / the password of the audit database's "
                            + "migration role (the tables' owner); DB_PASSWORD when not set"),
            new Rule("kaohe.demo-data", "KAOHE_DEMODATA", Check.OFF,
                    "演示数据（洛阳样例指标体系与名册）只用于本地演示 / the demo data is for the local platform only"));

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (environment.acceptsProfiles(Profiles.of(PROFILE))) {
            Function<String, String> settings = name -> environment.containsProperty(name)
                    ? environment.getProperty(name, "") : null;
            List<String> faults = faults(SERVICE_RULES, settings);
            if (faults.isEmpty()) {
                faults.addAll(superuserLogins(settings));
            }
            if (!faults.isEmpty()) {
                throw new UnsafeProductionSettings(faults);
            }
        }
    }

    /** Runs after the configuration files are read and logging is set up, before the application context exists. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * What is wrong with the settings, one line each; {@code settings} returns a resolved value, or null
     * where the application has no such setting.
     */
    static List<String> faults(List<Rule> rules, Function<String, String> settings) {
        List<String> faults = new ArrayList<>();
        for (Rule rule : rules) {
            String value = settings.apply(rule.property());
            String fault = fault(rule, value == null ? null : value.trim());
            if (fault != null) {
                faults.add(rule.variable() + " (" + rule.property() + "): " + fault + " — 应为 / expected: "
                        + rule.purpose());
            }
        }
        return faults;
    }

    /**
     * The database logins, the service's and (where set apart) the migration's, must not be superusers: a
     * superuser passes every grant, so the service's database would not be its only one and the audit trail's
     * runtime role would not hold. One connection and one query each ({@code rolsuper} of the session's role);
     * a server not reachable now is no fault here (the start fails on it later and says so).
     */
    static List<String> superuserLogins(Function<String, String> settings) {
        List<String> faults = new ArrayList<>();
        String url = settings.apply("spring.datasource.url");
        String user = settings.apply("spring.datasource.username");
        if (url == null || url.isBlank() || user == null || user.isBlank()) {
            return faults;
        }
        String password = settings.apply("spring.datasource.password");
        if (isSuperuser(url, user, password)) {
            faults.add("DB_USER (spring.datasource.username): \"" + user + "\" 是超级用户 / is a superuser — 应为 / "
                    + "expected: " + OWN_ROLE);
        }
        String migrationUser = settings.apply("spring.flyway.user");
        if (migrationUser != null && !migrationUser.isBlank() && !migrationUser.equals(user)) {
            String migrationUrl = settings.apply("spring.flyway.url");
            String migrationPassword = settings.apply("spring.flyway.password");
            if (isSuperuser(migrationUrl == null || migrationUrl.isBlank() ? url : migrationUrl, migrationUser,
                    migrationPassword == null ? password : migrationPassword)) {
                faults.add("DB_MIGRATION_USER (spring.flyway.user): \"" + migrationUser + "\" 是超级用户 / is a superuser"
                        + " — 应为 / expected: " + OWN_ROLE);
            }
        }
        return faults;
    }

    static final String OWN_ROLE = "本服务自己的数据库角色：非超级用户，只拥有本服务的库（见 create-databases.sql）/ the "
            + "service's own role: no superuser, owner of its own database only (see create-databases.sql)";

    private static boolean isSuperuser(String url, String user, String password) {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", user);
        login.setProperty("password", password == null ? "" : password);
        login.setProperty("connectTimeout", "5");
        login.setProperty("loginTimeout", "10");
        login.setProperty("socketTimeout", "10");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, login);
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select rolsuper from pg_roles where rolname = session_user")) {
            return rs.next() && rs.getBoolean(1);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private static String fault(Rule rule, String value) {
        boolean used = value != null;
        boolean blank = value == null || value.isEmpty();
        return switch (rule.check()) {
            case REQUIRED -> blank ? "未设置 / not set" : null;
            case REQUIRED_WHERE_USED -> used && blank ? "未设置 / not set" : null;
            case SECRET -> secretFault(blank, value);
            case SECRET_WHERE_USED -> used ? secretFault(blank, value) : null;
            case HTTPS_ISSUER -> issuerFault(value);
            case OFF -> used && Boolean.parseBoolean(value) ? "在生产模式下已开启 / switched on in production; 删除该设置或设为 false / "
                    + "remove it or set it to false" : null;
            case ABSOLUTE_PATH_WHERE_USED -> !used ? null : blank ? "未设置 / not set"
                    : value.startsWith("/") ? null : "\"" + value + "\" 是相对路径 / is a relative path; 请设为绝对路径 / "
                    + "set an absolute path";
        };
    }

    private static String secretFault(boolean blank, String value) {
        if (blank) {
            return "未设置 / not set";
        }
        if (value.startsWith(EXAMPLE_PREFIX)) {
            return "是示例文件中的占位值 \"" + value + "\" / is the example file's placeholder; 请换成真实密钥 / put the real "
                    + "secret here";
        }
        if (PUBLISHED_SECRETS.contains(value)) {
            return "是随源码公开的演示密钥 \"" + value + "\" / is the demo secret published with the source code; "
                    + "请生成新密钥（如 openssl rand -hex 32）并在 Keycloak 与此处同时设置 / generate a new one (e.g. openssl rand "
                    + "-hex 32) and set it both in Keycloak and here";
        }
        return null;
    }

    private static String issuerFault(String value) {
        if (value == null || value.isEmpty()) {
            return "未设置 / not set";
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            return "不是有效地址 \"" + value + "\" / is not a valid URL";
        }
        if (!"https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))) {
            String demo = isLoopback(uri.getHost()) ? "是本地演示的 http 域 / is the local demo realm over plain http; " : "";
            return demo + "\"" + value + "\" 不是 https 地址 / is not an https URL: 登录与令牌必须经 TLS / logins and tokens "
                    + "must go over TLS";
        }
        return null;
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}
