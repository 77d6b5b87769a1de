package io.kaohe.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;

/**
 * Where a browser's login lives: the web session, kept in this gateway's memory (one gateway, the
 * plain {@code ./platform}) or in Redis with {@code KAOHE_SESSION_STORE=redis}, where every gateway
 * replica finds it and a login outlives the gateway that made it (Spring Session; the Redis and
 * session auto-configuration is switched off otherwise, see application.yml). The user's tokens —
 * the OAuth2 authorized client the token relay sends on — are kept in the same session, not in the
 * gateway's memory as Spring Boot's default would.
 */
@Configuration
class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);

    enum Store { MEMORY, REDIS }

    Sessions(@Value("${kaohe.session.store}") Store store) {
        log.info("web sessions are kept in {}", store == Store.REDIS ? "Redis (shared by every gateway)" : "memory");
    }

    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClients() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }
}
