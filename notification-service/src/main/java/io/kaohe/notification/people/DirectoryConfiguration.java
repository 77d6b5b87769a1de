package io.kaohe.notification.people;

import io.kaohe.notification.NotificationSettings;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/** The directory on Keycloak's admin API of the token issuer's realm, with the {@code kaohe-directory} client's token. */
@Configuration
class DirectoryConfiguration {

    static final String REGISTRATION = "kaohe-directory";

    @Bean
    Directory directory(RestClient.Builder builder, OAuth2AuthorizedClientManager manager, NotificationSettings settings,
                        @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) {
        OAuth2ClientHttpRequestInterceptor token = new OAuth2ClientHttpRequestInterceptor(manager);
        token.setClientRegistrationIdResolver(request -> REGISTRATION);
        // http://host/realms/kaohe → http://host/admin/realms/kaohe
        String admin = issuer.replaceFirst("/realms/", "/admin/realms/");
        return new KeycloakDirectory(builder.clone().baseUrl(admin).requestInterceptor(token).build(),
                settings.directory().cacheFor(), Clock.systemUTC());
    }
}
