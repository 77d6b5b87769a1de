package io.kaohe.support.clients;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * Calls from one service to another carry a token of the service's own, obtained by the
 * client-credentials grant (client {@code kaohe-services}, realm role {@code service}), not the
 * user's: they also happen outside any request, e.g. while consuming an event.
 */
@AutoConfiguration
public class ServiceClientsConfiguration {

    public static final String REGISTRATION = "kaohe-services";

    @Bean
    OAuth2AuthorizedClientManager serviceAuthorizedClientManager(ClientRegistrationRepository registrations,
                                                                 OAuth2AuthorizedClientService clients) {
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
        return manager;
    }

    @Bean
    RubricApi rubricApi(RestClient.Builder builder, OAuth2AuthorizedClientManager manager,
                        @Value("${kaohe.services.rubric-url:http://127.0.0.1:8081}") String rubricUrl) {
        OAuth2ClientHttpRequestInterceptor serviceToken = new OAuth2ClientHttpRequestInterceptor(manager);
        serviceToken.setClientRegistrationIdResolver(request -> REGISTRATION);
        return new RubricApi(builder.clone().baseUrl(rubricUrl).requestInterceptor(serviceToken).build());
    }
}
