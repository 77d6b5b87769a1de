package io.kaohe.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

@ExtendWith(OutputCaptureExtension.class)
class RequestLogTest {

    private final RequestLog requestLog = new RequestLog();
    private final WebFilter watch = requestLog.requestWatch(Duration.ofMillis(300));
    private final GlobalFilter routed = requestLog.routedMark();

    @Test
    void aRequestTheServiceAnswersLateIsLoggedWhileItWaitsAndWhenAnswered(CapturedOutput output) throws InterruptedException {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/notifications/unread-count"));
        // The gateway's own part is quick; the service takes a second.
        watch.filter(exchange, ex -> routed.filter(ex, routedExchange -> Mono.delay(Duration.ofMillis(1000)).then(answer(routedExchange))))
                .block(Duration.ofSeconds(10));

        assertThat(output.getOut()).containsPattern("slow request: GET /api/notifications/unread-count still unanswered "
                + "after 300 ms; passed to its service after \\d{1,2} ms, waiting for it \\d+ ms");
        answered(output, "GET /api/notifications/unread-count");
        assertThat(output.getOut()).containsPattern("slow request: GET /api/notifications/unread-count answered 200 "
                + "\\(onComplete\\) after \\d{4,} ms; passed to its service after \\d{1,2} ms, waiting for it \\d{4,} ms");
    }

    @Test
    void aRequestHeldInTheGatewayItselfSaysSo(CapturedOutput output) throws InterruptedException {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/workflow/cycles"));
        // E.g. the token relay waiting for Keycloak: never passed to a service while it is watched.
        watch.filter(exchange, ex -> Mono.delay(Duration.ofMillis(700))
                        .then(Mono.defer(() -> routed.filter(ex, RequestLogTest::answer))))
                .block(Duration.ofSeconds(10));

        assertThat(output.getOut()).contains("slow request: POST /api/workflow/cycles still unanswered after 300 ms; "
                + "not passed to a service (yet): the time went in the gateway");
        answered(output, "POST /api/workflow/cycles");
        assertThat(output.getOut()).containsPattern("slow request: POST /api/workflow/cycles answered 200 \\(onComplete\\) "
                + "after \\d+ ms; passed to its service after \\d+ ms, waiting for it \\d+ ms");
    }

    /** The answered line is written once the answer has gone out (after the caller has it): waited for. */
    private static void answered(CapturedOutput output, String request) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!output.getOut().contains("slow request: " + request + " answered") && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    /** The service's answer, as the routing filter sets it. */
    private static Mono<Void> answer(ServerWebExchange exchange) {
        return Mono.fromRunnable(() -> exchange.getResponse().setStatusCode(HttpStatus.OK));
    }

    @Test
    void aQuickRequestHasOneLineInTheRequestLogAndThePortalsFilesNone(CapturedOutput output) throws InterruptedException {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/me"));
        watch.filter(exchange, ex -> routed.filter(ex, RequestLogTest::answer)).block(Duration.ofSeconds(10));
        MockServerWebExchange file = MockServerWebExchange.from(MockServerHttpRequest.get("/assets/index-1a2b3c.js"));
        watch.filter(file, ex -> routed.filter(ex, RequestLogTest::answer)).block(Duration.ofSeconds(10));
        Thread.sleep(500); // past the watch's time: its check was cancelled with the answer

        assertThat(output.getOut()).doesNotContain("slow request").doesNotContain("/assets/")
                .containsPattern("kaohe\\.access\\W+GET /api/me answered 200 in \\d+ ms");
    }
}
