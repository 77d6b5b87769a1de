package io.kaohe.evidence.files;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A client that sends {@code Expect: 100-continue} is told to go on only when the upload is
 * actually read, so a refusal decided from the token, the description or the declared length
 * (401, 404, 400, 413) reaches it before it has sent a single byte of a large file.
 */
@Configuration
class UploadServerConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnRead() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }
}
