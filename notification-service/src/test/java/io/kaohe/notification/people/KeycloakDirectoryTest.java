package io.kaohe.notification.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.ExpectedCount;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

/** The directory's copy of the realm: a person missing from it is looked for again before nobody is told. */
class KeycloakDirectoryTest {

    private static final String USERS = "http://kc/admin/realms/kaohe/users?briefRepresentation=false&enabled=true&first=0&max=200";
    private static final String HEAD = """
            {"id":"h","username":"head.sjw","enabled":true,"email":"head.sjw@kaohe.local","attributes":{"unit":["bz-sjw"]}}""";
    private static final String REPORTER = """
            {"id":"r","username":"reporter.sjw","enabled":true,"email":"reporter.sjw@kaohe.local","attributes":{"unit":["bz-sjw"]}}""";

    private Instant now = Instant.parse("2026-03-02T01:00:00Z");

    @Test
    void aPersonNewerThanTheCopyIsFoundByReadingAgainAtMostEveryFewSeconds() {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://kc/admin/realms/kaohe");
        MockRestServiceServer keycloak = MockRestServiceServer.bindTo(builder).build();
        Clock clock = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now; }
        };
        KeycloakDirectory directory = new KeycloakDirectory(builder.build(), Duration.ofMinutes(2), clock);

        keycloak.expect(ExpectedCount.once(), requestTo(USERS)).andRespond(withSuccess("[" + HEAD + "]", MediaType.APPLICATION_JSON));
        keycloak.expect(requestTo("http://kc/admin/realms/kaohe/users/h/role-mappings/realm/composite"))
                .andRespond(withSuccess("[{\"name\":\"unit-head\"}]", MediaType.APPLICATION_JSON));
        assertThat(directory.members("unit-reporter:bz-sjw")).isEmpty();
        // Within a few seconds of the last read, an empty audience does not read Keycloak again.
        now = now.plusSeconds(2);
        assertThat(directory.members("unit-reporter:bz-sjw")).isEmpty();
        keycloak.verify();

        keycloak.reset();
        keycloak.expect(ExpectedCount.once(), requestTo(USERS))
                .andRespond(withSuccess("[" + HEAD + "," + REPORTER + "]", MediaType.APPLICATION_JSON));
        keycloak.expect(requestTo("http://kc/admin/realms/kaohe/users/h/role-mappings/realm/composite"))
                .andRespond(withSuccess("[{\"name\":\"unit-head\"}]", MediaType.APPLICATION_JSON));
        keycloak.expect(requestTo("http://kc/admin/realms/kaohe/users/r/role-mappings/realm/composite"))
                .andRespond(withSuccess("[{\"name\":\"unit-reporter\"}]", MediaType.APPLICATION_JSON));
        now = now.plusSeconds(10);
        assertThat(directory.members("unit-reporter:bz-sjw")).extracting(Person::username).containsExactly("reporter.sjw");
        // The fresh copy serves the next audiences without another read.
        assertThat(directory.members("unit-head:bz-sjw")).extracting(Person::username).containsExactly("head.sjw");
        keycloak.verify();
    }
}
