package io.kaohe.gateway;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A request still unanswered after {@code kaohe.slow-request-after} (5 s) is logged, and again when
 * it is answered, with where the time went: before the request was passed to a service (the login
 * session, the token relay, which may ask Keycloak for a fresh token) or after (the connection to
 * the service and the service itself, which logs its own slow requests with its thread's stack).
 */
@Configuration
class SlowRequests {

    private static final Logger log = LoggerFactory.getLogger(SlowRequests.class);
    /** When (System.nanoTime) the request arrived and when it was passed to its service. */
    private static final String ARRIVED = SlowRequests.class.getName() + ".arrived";
    private static final String ROUTED = SlowRequests.class.getName() + ".routed";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE) // first: the whole of the gateway's own work is inside it
    WebFilter slowRequestWatch(@Value("${kaohe.slow-request-after:5s}") Duration after) {
        return (exchange, chain) -> {
            long arrived = System.nanoTime();
            exchange.getAttributes().put(ARRIVED, arrived);
            Disposable check = Schedulers.parallel().schedule(
                    () -> log.warn("slow request: {} still unanswered after {} ms; {}", what(exchange),
                            after.toMillis(), where(exchange, System.nanoTime())),
                    after.toMillis(), TimeUnit.MILLISECONDS);
            return chain.filter(exchange).doFinally(signal -> {
                check.dispose();
                long now = System.nanoTime();
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(now - arrived);
                if (tookMillis >= after.toMillis()) {
                    log.warn("slow request: {} answered {} ({}) after {} ms; {}", what(exchange),
                            status(exchange), signal, tookMillis, where(exchange, now));
                }
            });
        };
    }

    /** Marks the moment the request leaves for its service: the last step before Netty's routing. */
    @Bean
    GlobalFilter slowRequestRouted() {
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

    private static String status(ServerWebExchange exchange) {
        var status = exchange.getResponse().getStatusCode();
        return status == null ? "without a status" : status.toString();
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
