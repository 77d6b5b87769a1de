package io.kaohe.support.clients;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
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
    RubricApi rubricApi(RestClient.Builder builder, ObjectMapper json, OAuth2AuthorizedClientManager manager,
                        @Value("${kaohe.services.rubric-url:http://127.0.0.1:8081}") String rubricUrl) {
        OAuth2ClientHttpRequestInterceptor serviceToken = new OAuth2ClientHttpRequestInterceptor(manager);
        serviceToken.setClientRegistrationIdResolver(request -> REGISTRATION);
        return new RubricApi(readingAdditions(builder.clone(), json).baseUrl(rubricUrl).requestInterceptor(serviceToken).build());
    }

    /**
     * A client that reads another service's answers ignoring fields it does not know: the services
     * refuse unknown fields in requests (spring.jackson fail-on-unknown-properties), but a field the
     * other service adds to its answers must never break the reader.
     */
    static RestClient.Builder readingAdditions(RestClient.Builder builder, ObjectMapper json) {
        ObjectMapper tolerant = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return builder.messageConverters(converters -> converters.replaceAll(converter ->
                converter instanceof MappingJackson2HttpMessageConverter ? new MappingJackson2HttpMessageConverter(tolerant) : converter));
    }
}
