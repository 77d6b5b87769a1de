package io.kaohe.support.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.InputLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Every refusal a problem detail that says what and where; nothing unforeseen answered with Spring's default body. */
class ProblemAdviceTest {

    record Node(@Pattern(regexp = InputLimits.CODE_PATTERN) String code,
                @Size(max = InputLimits.TITLE_MAX) String title,
                @DecimalMin(InputLimits.POINTS_MIN) @DecimalMax(InputLimits.POINTS_MAX) BigDecimal points,
                @Size(max = 10) List<@Valid Node> children) {
    }

    record Sheet(int year, Node root) {
    }

    @RestController
    static class Probed {
        @PostMapping("/nodes")
        Node node(@Valid @RequestBody Node node) {
            return node;
        }

        @PostMapping("/sheets")
        Sheet sheet(@RequestBody Sheet sheet) {
            return sheet;
        }

        @PostMapping("/uploads")
        long upload(jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
            return request.getInputStream().readAllBytes().length;
        }

        @PostMapping("/refused-upload")
        long refusedUpload() {
            // what the container throws for a multipart body over spring.servlet.multipart.max-request-size
            throw new org.springframework.web.multipart.MaxUploadSizeExceededException(64L << 20);
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("a bug");
        }

        @GetMapping("/half-sent")
        void halfSent(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
            response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
            response.setContentLength(10);
            response.getOutputStream().write("12345".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            response.flushBuffer();
            throw new IllegalStateException("the rest could not be read");
        }

        @GetMapping("/database-down")
        String databaseDown() {
            // As Camunda or MyBatis wrap it: the driver's refusal (SQLState 08001) deep in the causes.
            throw new IllegalStateException("engine failure", new RuntimeException(
                    new java.sql.SQLException("Connection to 127.0.0.1:5432 refused", "08001")));
        }

        @GetMapping("/many")
        String many() {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "platform.invalid-input",
                    IntStream.range(0, 100_000).mapToObj(i -> new ProblemError("Sheet1!R" + (i + 2) + ":C1", "x")).toList(),
                    100_000);
        }
    }

    private final MockMvc mvc;

    ProblemAdviceTest() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("platform-messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        ObjectMapper json = org.springframework.http.converter.json.Jackson2ObjectMapperBuilder.json()
                .featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        mvc = MockMvcBuilders.standaloneSetup(new Probed())
                .setControllerAdvice(new ProblemAdvice(messages))
                .setValidator(validator)
                .setMessageConverters(new MappingJackson2HttpMessageConverter(json))
                .addFilters(new BodyLimit(64 * 1024))
                .build();
        Locale.setDefault(Locale.ENGLISH);
    }

    @AfterEach
    void clearTrace() {
        MDC.remove("traceId");
    }

    private static String node(String code, String title, String points) {
        return "{\"code\":\"" + code + "\",\"title\":\"" + title + "\",\"points\":" + points + ",\"children\":[]}";
    }

    @Test
    void anEmojiRightToLeftAndZeroWidthTitleIsAccepted() throws Exception {
        mvc.perform(post("/nodes").contentType(MediaType.APPLICATION_JSON)
                        .content(node("1.1", "考核\u202Eabc\u200B\uD83D\uDE00", "1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("考核\u202Eabc\u200B\uD83D\uDE00"));
    }

    @Test
    void pointsOutOfRangeAndACodeThatIsNotACodeAreLocated() throws Exception {
        mvc.perform(post("/nodes").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"1\",\"children\":[" + node("a'; select pg_sleep(5);--", "t", "1e309") + ","
                                + node("1.2", "t", "-1") + "]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("platform.invalid-input"))
                .andExpect(jsonPath("$.errors[*].location").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "children[0].code", "children[0].points", "children[1].points")));
    }

    @Test
    void aLongTitleIsLocatedAndABodyOverTheLimitIs413() throws Exception {
        mvc.perform(post("/nodes").contentType(MediaType.APPLICATION_JSON).content(node("1", "x".repeat(501), "1")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].location").value("title"));
        mvc.perform(post("/nodes").contentType(MediaType.APPLICATION_JSON).content(node("1", "x".repeat(1 << 20), "1")))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.code").value("platform.body-too-large"));
        // an upload of any other type is not a JSON body: its own limits apply
        mvc.perform(post("/uploads").contentType(MediaType.APPLICATION_PDF).content(new byte[1 << 20]))
                .andExpect(status().isOk())
                .andExpect(content().string(String.valueOf(1 << 20)));
    }

    @Test
    void aMultipartBodyTheContainerRefusesIsA413WithTheSizeAndTheLimit() throws Exception {
        mvc.perform(post("/refused-upload").contentType(MediaType.MULTIPART_FORM_DATA).content(new byte[4096])
                        .header("Accept-Language", "zh-CN"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.code").value("platform.upload-too-large"))
                .andExpect(jsonPath("$.title").value("文件过大"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("4,096 字节")))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("67,108,864 字节")))
                .andExpect(jsonPath("$.instance").value("/refused-upload"));
    }

    @Test
    void unreadableBodiesAreLocatedAtTheFieldOrTheLine() throws Exception {
        mvc.perform(post("/sheets").contentType(MediaType.APPLICATION_JSON).content("{\"year\":2019,\"colour\":\"red\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].location").value("colour"));
        mvc.perform(post("/sheets").contentType(MediaType.APPLICATION_JSON).content("{\"year\":\"next\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].location").value("year"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("number")));
        mvc.perform(post("/sheets").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"year\":2019,\"root\":{\"children\":[{\"points\":\"many\"}]}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].location").value("root.children[0].points"));
        mvc.perform(post("/sheets").contentType(MediaType.APPLICATION_JSON).content("{\"year\":1e309}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].location").value("year"));
        mvc.perform(post("/sheets").contentType(MediaType.APPLICATION_JSON).content("{\"year\":2019,\n\"root\": {"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].location").value(startsWith("body!L2")));
    }

    @Test
    void aFailureAfterPartOfTheAnswerWasSentIsLeftToTheContainerNotAppendedAsAProblem() {
        // Answered as a problem, the JSON would follow the five bytes as if it were the rest of the file.
        assertThatThrownBy(() -> mvc.perform(get("/half-sent")))
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("the rest could not be read");
    }

    @Test
    void anUnexpectedFailureIsA500ProblemWithTheTrace() throws Exception {
        MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        mvc.perform(get("/boom"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("platform.internal-error"))
                .andExpect(jsonPath("$.traceId").value("4bf92f3577b34da6a3ce929d0e0e4736"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("4bf92f3577b34da6a3ce929d0e0e4736")))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("a bug"))));
    }

    @Test
    void aDatabaseOutOfReachIsA503ProblemToTryAgainNotA500() throws Exception {
        MDC.put("traceId", "0af7651916cd43dd8448eb211c80319c");
        mvc.perform(get("/database-down"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("platform.database-unavailable"))
                .andExpect(jsonPath("$.traceId").value("0af7651916cd43dd8448eb211c80319c"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("0af7651916cd43dd8448eb211c80319c")));
        assertThat(ProblemAdvice.databaseOutOfReach(new org.springframework.jdbc.CannotGetJdbcConnectionException("pool"))).isTrue();
        assertThat(ProblemAdvice.databaseOutOfReach(new java.sql.SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(ProblemAdvice.databaseOutOfReach(new java.sql.SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ProblemAdvice.databaseOutOfReach(new IllegalStateException("a bug"))).isFalse();
        // PostgreSQL killed under a query: the pool closes the broken connection, the rollback then fails on it
        // (HikariCP's "Connection is closed" has no SQLState) and replaces the query's I/O error (08006).
        var rollback = new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                new java.sql.SQLException("Connection is closed"));
        rollback.initApplicationException(new org.springframework.dao.DataAccessResourceFailureException("I/O",
                new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertThat(ProblemAdvice.databaseOutOfReach(new RuntimeException("persistence", rollback))).isTrue();
        var rollbackOfABug = new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                new java.sql.SQLException("Connection is closed"));
        rollbackOfABug.initApplicationException(new IllegalStateException("a bug"));
        assertThat(ProblemAdvice.databaseOutOfReach(rollbackOfABug)).isFalse();
    }

    @Test
    void aHundredThousandFaultsAnswerTheFirstHundredAndHowManyMore() throws Exception {
        var result = mvc.perform(get("/many"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors", hasSize(InputLimits.FAULTS_LISTED + 1)))
                .andExpect(jsonPath("$.more").value(100_000 - InputLimits.FAULTS_LISTED))
                .andExpect(jsonPath("$.errors[100].location").value("…"))
                .andExpect(jsonPath("$.errors[100].message").value(endsWith("more faults are not listed.")))
                .andReturn();
        org.hamcrest.MatcherAssert.assertThat(result.getResponse().getContentAsByteArray().length, lessThan(100_000));
    }
}
