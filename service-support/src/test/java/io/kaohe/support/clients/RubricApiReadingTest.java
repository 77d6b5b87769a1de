package io.kaohe.support.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.kaohe.contracts.rubric.RosterListing;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The services refuse unknown fields in what they are sent, but read rubric-service's answers
 * whatever it adds to them (a real HTTP server answers as a newer rubric-service would).
 */
class RubricApiReadingTest {

    private static final String ROSTER = """
            {"categories":[{"code":"town","name":"乡镇（街道）","active":true,"sortOrder":1}],
             "departments":[{"code":"swzzb","name":"市委组织部","notes":"新增字段"}],
             "units":[{"code":"t1","name":"城关镇","category":"town","parent":null,"active":true,"notes":""}],
             "listedAt":"2026-12-05T00:00:00Z"}""";
    private final ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private HttpServer rubricService;
    private String url;

    @BeforeEach
    void start() throws Exception {
        rubricService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rubricService.createContext("/api/rubric/roster", exchange -> {
            byte[] body = ROSTER.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        rubricService.start();
        url = "http://127.0.0.1:" + rubricService.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        rubricService.stop(0);
    }

    @Test
    void readsTheRosterWithFieldsItDoesNotKnow() {
        RestClient client = ServiceClientsConfiguration.readingAdditions(RestClient.builder(), strict).baseUrl(url).build();
        RosterListing roster = new RubricApi(client).roster();
        assertThat(roster.categories()).containsExactly(new RosterListing.Category("town", "乡镇（街道）"));
        assertThat(roster.units()).containsExactly(new RosterListing.Unit("t1", "城关镇", "town", null));
        assertThat(strict.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
                .as("the services' own mapper stays strict").isTrue();
    }

    @Test
    void theServicesStrictMapperAloneWouldRefuseTheSameAnswer() {
        RestClient client = RestClient.builder().messageConverters(converters -> converters.replaceAll(c ->
                c instanceof MappingJackson2HttpMessageConverter ? new MappingJackson2HttpMessageConverter(strict) : c))
                .baseUrl(url).build();
        assertThatThrownBy(() -> new RubricApi(client).roster()).isInstanceOf(RestClientException.class);
    }
}
