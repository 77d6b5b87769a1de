package io.kaohe.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * With Spring profile {@code production} the gateway refuses to start while its client secret is
 * missing or the one published with the local realm, or while the issuer browsers log in at is not
 * on https. Checked before any bean exists, every fault named at once with the variable to set.
 * (The services have the same guard in service-support, for their own settings.)
 */
final class ProductionGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final Set<String> PUBLISHED_SECRETS = Set.of("kaohe-gateway-local-secret", "kaohe-services-local-secret",
            "kaohe-local-secret", "admin");

    /** Setting, variable, and what it should be. */
    record Rule(String property, String variable, boolean issuer, String purpose) {
    }

    static final List<Rule> RULES = List.of(
            new Rule("spring.security.oauth2.client.provider.keycloak.issuer-uri", "ISSUER_URI", true,
                    "Keycloak 域 kaohe 的签发者地址（浏览器经 https 访问的地址）/ the kaohe realm's issuer as browsers reach it "
                            + "over https, e.g. https://kaohe.example.gov.cn/realms/kaohe"),
            new Rule("spring.security.oauth2.resourceserver.jwt.issuer-uri", "ISSUER_URI", true,
                    "与上同 / the same issuer, for scripts' bearer tokens"),
            new Rule("spring.security.oauth2.client.registration.keycloak.client-secret", "GATEWAY_CLIENT_SECRET", false,
                    "Keycloak 客户端 kaohe-gateway 的密钥 / the secret of Keycloak client kaohe-gateway"));

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (environment.acceptsProfiles(Profiles.of("production"))) {
            List<String> faults = faults(name -> environment.getProperty(name, ""));
            if (!faults.isEmpty()) {
                throw new UnsafeProductionSettings(faults);
            }
        }
    }

    /** After the configuration files are read and logging is set up, before the application context exists. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static List<String> faults(Function<String, String> settings) {
        List<String> faults = new ArrayList<>();
        for (Rule rule : RULES) {
            String value = settings.apply(rule.property()).trim();
            String fault = rule.issuer() ? issuerFault(value) : secretFault(value);
            if (fault != null) {
                faults.add(rule.variable() + " (" + rule.property() + "): " + fault + " — 应为 / expected: " + rule.purpose());
            }
        }
        return faults;
    }

    private static String secretFault(String value) {
        if (value.isEmpty()) {
            return "未设置 / not set";
        }
        if (value.startsWith("change-me")) {
            return "是示例文件中的占位值 \"" + value + "\" / is the example file's placeholder; 请换成真实密钥 / put the real "
                    + "secret here";
        }
        return PUBLISHED_SECRETS.contains(value) ? "是随源码公开的演示密钥 \"" + value + "\" / is the demo secret published "
                + "with the source code; 请生成新密钥（如 openssl rand -hex 32）并在 Keycloak 与此处同时设置 / generate a new one "
                + "(e.g. openssl rand -hex 32) and set it both in Keycloak and here" : null;
    }

    private static String issuerFault(String value) {
        if (value.isEmpty()) {
            return "未设置 / not set";
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            return "不是有效地址 \"" + value + "\" / is not a valid URL";
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return null;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        return (loopback ? "是本地演示的 http 域 / is the local demo realm over plain http; " : "") + "\"" + value
                + "\" 不是 https 地址 / is not an https URL: 登录与令牌必须经 TLS / logins and tokens must go over TLS";
    }

    /** Start-up refused in production, with every fault. */
    static final class UnsafeProductionSettings extends RuntimeException {
        UnsafeProductionSettings(List<String> faults) {
            super("生产模式拒绝启动，以下设置不安全或缺失 / production mode refuses to start, these settings are unsafe or "
                    + "missing:\n  - " + String.join("\n  - ", faults));
        }
    }

    /** Prints the faults and what to do as Spring Boot's "APPLICATION FAILED TO START" report. */
    static final class Analyzer extends AbstractFailureAnalyzer<UnsafeProductionSettings> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, UnsafeProductionSettings cause) {
            return new FailureAnalysis(cause.getMessage(), "在 kaohe.env（单机安装）或 Kubernetes Secret（集群安装）中设置上述变量后"
                    + "重新启动，见安装说明 INSTALL.zh-CN.md。 / Set the variables above in kaohe.env (single server) or in the "
                    + "Kubernetes Secret (cluster) and start again; see INSTALL.en.md.", cause);
        }
    }
}
