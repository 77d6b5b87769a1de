package io.kaohe.gateway;

import io.micrometer.tracing.handler.TracingObservationHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The gateway's request log. Each request to the API or the login (not the portal's files) is written
 * when answered, with its status, its time and its trace id, on the logger {@code kaohe.access} (INFO;
 * an operator silences it with {@code logging.level.kaohe.access=warn}): the first place to look for a
 * trace id a person reports. A request still unanswered after {@code kaohe.slow-request-after} (5 s) is
 * logged at once, and again when it is answered, with where the time went: before the request was
 * passed to a service (the login session, the token relay, which may ask Keycloak for a fresh token)
 * or after (the connection to the service and the service itself, which logs its own slow requests
 * with its thread's stack).
 */
@Configuration
class RequestLog {

    private static final Logger log = LoggerFactory.getLogger(RequestLog.class);
    private static final Logger access = LoggerFactory.getLogger("kaohe.access");
    /** When (System.nanoTime) the request arrived and when it was passed to its service. */
    private static final String ARRIVED = RequestLog.class.getName() + ".arrived";
    private static final String ROUTED = RequestLog.class.getName() + ".routed";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE) // first: the whole of the gateway's own work is inside it
    WebFilter requestWatch(@Value("${kaohe.slow-request-after:5s}") Duration after) {
        return (exchange, chain) -> {
            long arrived = System.nanoTime();
            exchange.getAttributes().put(ARRIVED, arrived);
            Disposable check = Schedulers.parallel().schedule(() -> inTrace(exchange,
                    () -> log.warn("slow request: {} still unanswered after {} ms; {}", what(exchange),
                            after.toMillis(), where(exchange, System.nanoTime()))),
                    after.toMillis(), TimeUnit.MILLISECONDS);
            return chain.filter(exchange).doFinally(signal -> {
                check.dispose();
                long now = System.nanoTime();
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(now - arrived);
                inTrace(exchange, () -> {
                    if (tookMillis >= after.toMillis()) {
                        log.warn("slow request: {} answered {} ({}) after {} ms; {}", what(exchange),
                                code(exchange), signal, tookMillis, where(exchange, now));
                    } else if (logged(exchange)) {
                        access.info("{} answered {} in {} ms", what(exchange), code(exchange), tookMillis);
                    }
                });
            });
        };
    }

    /** Marks the moment the request leaves for its service: the last step before Netty's routing. */
    @Bean
    GlobalFilter routedMark() {
        return new RoutedMark();
    }

    private static final class RoutedMark implements GlobalFilter, Ordered {
        @Override
        public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
            exchange.getAttributes().put(ROUTED, System.nanoTime());
            return chain.filter(exchange);
        }

        @Override
        public int getOrder() {
            return NettyRoutingFilter.ORDER - 1;
        }
    }

    /** The API, the login and the logout: not the portal's files (a page load asks for dozens). */
    private static boolean logged(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        return path.startsWith("/api/") || path.startsWith("/login") || path.startsWith("/logout")
                || path.startsWith("/oauth2/");
    }

    /**
     * Runs {@code logging} with the request's trace and span ids in the MDC: on whatever thread the answer or the
     * watch's timer runs, the ids come from the request's own observation (which the server starts before any filter).
     */
    private static void inTrace(ServerWebExchange exchange, Runnable logging) {
        var span = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .orElse(null);
        if (span == null) {
            logging.run();
            return;
        }
        String traceId = MDC.get("traceId");
        String spanId = MDC.get("spanId");
        MDC.put("traceId", span.context().traceId());
        MDC.put("spanId", span.context().spanId());
        try {
            logging.run();
        } finally {
            restore("traceId", traceId);
            restore("spanId", spanId);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** The status code alone, as the services' request log writes it (both lines, slow or not). */
    private static String code(ServerWebExchange exchange) {
        var status = exchange.getResponse().getStatusCode();
        return status == null ? "without a status" : Integer.toString(status.value());
    }

    private static String what(ServerWebExchange exchange) {
        return exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
    }

    private static String where(ServerWebExchange exchange, long now) {
        Long arrived = exchange.getAttribute(ARRIVED);
        Long routed = exchange.getAttribute(ROUTED);
        if (routed == null || arrived == null) {
            return "not passed to a service (yet): the time went in the gateway (session, login, token relay)";
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return "passed to " + (route == null ? "its service" : route.getId()) + " after "
                + TimeUnit.NANOSECONDS.toMillis(routed - arrived) + " ms, waiting for it "
                + TimeUnit.NANOSECONDS.toMillis(now - routed) + " ms";
    }
}
