package io.kaohe.deploy;

import static io.kaohe.deploy.RunningHaPlatform.BALANCER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.testsupport.CookieBrowser;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Drill 9: a person logs in through the balancer; the gateway that completed the login is killed
 * (SIGKILL); the next request through the balancer is served by the other gateway from the session
 * in Redis, without a new login, and the session's token is still relayed to the services.
 */
@Order(2)
class SessionFailoverHaIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startThePlatformInItsProductionShape() throws Exception {
        RunningHaPlatform.start();
    }

    @Test
    void aLoginOutlivesTheGatewayThatMadeIt() throws Exception {
        LocalPlatform platform = RunningHaPlatform.platform();
        CookieBrowser browser = new CookieBrowser();
        long t = System.nanoTime();
        HttpResponse<String> start = browser.get(BALANCER + "/oauth2/authorization/keycloak");
        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(java.net.URLDecoder.decode(authorize, java.nio.charset.StandardCharsets.UTF_8))
                .as("Keycloak sends the browser back through the balancer").contains("redirect_uri=" + BALANCER + "/");
        HttpResponse<String> loginPage = browser.get(authorize);
        assertThat(loginPage.statusCode()).as(loginPage.body()).isEqualTo(200);
        HttpResponse<String> loggedIn = browser.postForm(CookieBrowser.formAction(loginPage),
                "username=head.sjw&password=demo&credentialId=");
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(302);
        String callback = loggedIn.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(BALANCER + "/login/oauth2/code/keycloak?");
        HttpResponse<String> back = browser.get(callback);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location")).hasValue("/");
        long loginMillis = (System.nanoTime() - t) / 1_000_000;
        String loginGateway = RunningHaPlatform.partAt(lastUpstreamPort(back));
        assertThat(me(browser).statusCode()).isEqualTo(200);

        platform.kill(loginGateway);
        long killedAt = System.nanoTime();
        HttpResponse<String> me = me(browser);
        long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
        assertThat(me.statusCode()).as("the next request, without a new login").isEqualTo(200);
        assertThat(JSON.readTree(me.body()).get("username").asText()).isEqualTo("head.sjw");
        String survivor = RunningHaPlatform.partAt(lastUpstreamPort(me));
        assertThat(survivor).isNotEqualTo(loginGateway).startsWith("gateway-");
        HttpResponse<String> relayed = browser.get(BALANCER + "/api/evidence/rubric-versions");
        assertThat(relayed.statusCode()).as("the session's token relayed by the surviving gateway").isEqualTo(200);
        int served = 0;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> again = me(browser);
            assertThat(again.statusCode()).isEqualTo(200);
            served++;
        }

        long r = System.nanoTime();
        platform.restart(loginGateway);
        long restartMillis = (System.nanoTime() - r) / 1_000_000;
        boolean backOnIt = false;
        for (int i = 0; i < 6 && !backOnIt; i++) {
            HttpResponse<String> after = me(browser);
            assertThat(after.statusCode()).isEqualTo(200);
            backOnIt = RunningHaPlatform.partAt(lastUpstreamPort(after)).equals(loginGateway);
        }
        assertThat(backOnIt).as("the restarted gateway serves the same login again").isTrue();
        System.out.printf("session failover: login through nginx %d ms on %s; %s killed (SIGKILL); next request %d ms "
                        + "on %s, 200 without a new login; %d more requests 200; %s restarted in %d ms and serves the session%n",
                loginMillis, loginGateway, loginGateway, failoverMillis, survivor, served, loginGateway, restartMillis);
    }

    private static HttpResponse<String> me(CookieBrowser browser) throws Exception {
        return browser.get(BALANCER + "/api/me");
    }

    /** The instance that answered: nginx lists every one it tried in X-Kaohe-Upstream, the last one answered. */
    private static int lastUpstreamPort(HttpResponse<String> response) {
        String upstreams = response.headers().firstValue("X-Kaohe-Upstream").orElseThrow();
        String last = upstreams.substring(upstreams.lastIndexOf(',') + 1).trim();
        return Integer.parseInt(last.substring(last.lastIndexOf(':') + 1));
    }
}
