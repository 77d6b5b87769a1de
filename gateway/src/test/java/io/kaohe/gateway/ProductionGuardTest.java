package io.kaohe.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ProductionGuardTest {

    private static final String ISSUER = "spring.security.oauth2.client.provider.keycloak.issuer-uri";
    private static final String JWT_ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    private static final String SECRET = "spring.security.oauth2.client.registration.keycloak.client-secret";

    @Test
    void acceptsAnHttpsIssuerAndTheOperatorsOwnSecret() {
        Map<String, String> settings = Map.of(ISSUER, "https://kaohe.example.gov.cn/realms/kaohe",
                JWT_ISSUER, "https://kaohe.example.gov.cn/realms/kaohe", SECRET, "9d1c0b7e55aa");
        assertThat(ProductionGuard.faults(name -> settings.getOrDefault(name, ""))).isEmpty();
    }

    @Test
    void refusesTheDemoSecretAMissingOneAndAPlainHttpIssuer() {
        Map<String, String> settings = new HashMap<>(Map.of(ISSUER, "http://127.0.0.1:8180/realms/kaohe",
                JWT_ISSUER, "https://kaohe.example.gov.cn/realms/kaohe", SECRET, "kaohe-gateway-local-secret"));
        assertThat(ProductionGuard.faults(name -> settings.getOrDefault(name, "")))
                .satisfiesExactly(
                        issuer -> assertThat(issuer).startsWith("ISSUER_URI ").contains("local demo realm over plain http"),
                        secret -> assertThat(secret).startsWith("GATEWAY_CLIENT_SECRET ")
                                .contains("\"kaohe-gateway-local-secret\"", "openssl rand -hex 32"));
        settings.put(SECRET, "change-me-gateway-client-secret");
        assertThat(ProductionGuard.faults(name -> settings.getOrDefault(name, ""))).last().asString()
                .startsWith("GATEWAY_CLIENT_SECRET ").contains("example file's placeholder");
        settings.put(SECRET, " ");
        assertThat(ProductionGuard.faults(name -> settings.getOrDefault(name, ""))).last().asString()
                .startsWith("GATEWAY_CLIENT_SECRET ").contains("not set");
    }

    @Test
    void theGatewayRefusesToStartInProductionWithTheLocalPlatformsSettings(CapturedOutput output) {
        SpringApplicationBuilder gateway = new SpringApplicationBuilder(GatewayApplication.class);
        assertThatThrownBy(() -> gateway.run("--spring.profiles.active=production",
                "--" + SECRET + "=kaohe-gateway-local-secret", "--" + ISSUER + "=http://localhost:8180/realms/kaohe",
                "--" + JWT_ISSUER + "=http://localhost:8180/realms/kaohe"))
                .isInstanceOf(ProductionGuard.UnsafeProductionSettings.class)
                .hasMessageContaining("production mode refuses to start")
                .hasMessageContaining("GATEWAY_CLIENT_SECRET (" + SECRET + "): 是随源码公开的演示密钥")
                .hasMessageContaining("ISSUER_URI (" + ISSUER + ")");
        assertThat(output).contains("APPLICATION FAILED TO START", "Set the variables above in kaohe.env");
    }

    @Test
    void withoutTheProductionProfileTheLocalDefaultsAreLeftAlone() {
        Map<String, String> local = Map.of(ISSUER, "http://127.0.0.1:8180/realms/kaohe", SECRET, "kaohe-gateway-local-secret");
        assertThat(ProductionGuard.faults(name -> local.getOrDefault(name, ""))).isNotEmpty();
        // ... yet the guard only acts on the production profile: a start without it gets past the environment stage.
        SpringApplicationBuilder gateway = new SpringApplicationBuilder(GatewayApplication.class);
        assertThatThrownBy(() -> gateway.run("--server.port=0", "--" + ISSUER + "=http://127.0.0.1:1/realms/none"))
                .isNotInstanceOf(ProductionGuard.UnsafeProductionSettings.class);
    }
}
