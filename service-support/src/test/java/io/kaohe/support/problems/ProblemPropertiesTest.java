package io.kaohe.support.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/** Extra properties of a problem reach the problem detail beside code and errors. */
class ProblemPropertiesTest {

    @Test
    void propertiesAddedWithWithAppearInTheProblemDetail() {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("x.taken", Locale.getDefault(), "Taken by {0}.");
        ProblemException e = ProblemException.conflict("x.taken", "a").with("current", Map.of("by", "a"))
                .with("version", 3);
        ProblemDetail detail = new ProblemAdvice(messages)
                .problem(e, new ServletWebRequest(new MockHttpServletRequest("POST", "/things"))).getBody();
        assertThat(detail.getStatus()).isEqualTo(409);
        assertThat(detail.getProperties()).containsEntry("code", "x.taken").containsEntry("version", 3)
                .containsEntry("current", Map.of("by", "a"));
        assertThat(e.properties().keySet()).containsExactly("current", "version");
    }

    @Test
    void theStandardMembersCannotBeOverwritten() {
        assertThatThrownBy(() -> ProblemException.badRequest("x").with("code", "y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProblemException.badRequest("x").with("status", 200))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
