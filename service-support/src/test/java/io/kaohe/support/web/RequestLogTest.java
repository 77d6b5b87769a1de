package io.kaohe.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

@ExtendWith(OutputCaptureExtension.class)
class RequestLogTest {

    private final RequestLog requestLog = new RequestLog(Duration.ofMillis(300));

    @AfterEach
    void stop() {
        requestLog.destroy();
        MDC.clear();
    }

    @Test
    void everyRequestIsOneLineWithItsStatusAndTime(CapturedOutput output) throws Exception {
        requestLog.doFilter(new MockHttpServletRequest("POST", "/api/workflow/cycles"), new MockHttpServletResponse(),
                new MockFilterChain(answering(201, 0)));

        assertThat(output.getOut()).containsPattern("kaohe\\.access.*POST /api/workflow/cycles answered 201 in \\d+ ms")
                .doesNotContain("slow request");
    }

    @Test
    void aSlowRequestIsLoggedWhileItRunsWithItsStackAndWhenAnswered(CapturedOutput output) throws Exception {
        requestLog.doFilter(new MockHttpServletRequest("GET", "/api/scoring/cycles"), new MockHttpServletResponse(),
                new MockFilterChain(answering(200, 800)));

        assertThat(output.getOut())
                .containsPattern("slow request: GET /api/scoring/cycles still unanswered after 300 ms; its thread .* is at:")
                .contains("java.lang.Thread.sleep")
                .containsPattern("slow request: GET /api/scoring/cycles answered 200 after \\d{3,} ms")
                .doesNotContain("kaohe.access");
    }

    /** A servlet that takes {@code millis} and answers {@code status}. */
    private static HttpServlet answering(int status, long millis) {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                response.setStatus(status);
            }
        };
    }
}
