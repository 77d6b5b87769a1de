package io.kaohe.notification.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.notification.NotificationSettings;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** The channels the deliveries use, by name. */
@Configuration
class ChannelConfiguration {

    @Bean
    HttpClient webhookHttp() {
        // No redirects: a webhook goes to the allowed host it names and nowhere else.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Bean
    Channel emailChannel(JavaMailSender mail, NotificationSettings settings) {
        return new EmailChannel(mail, settings.mailFrom());
    }

    @Bean
    Channel webhookChannel(HttpClient webhookHttp, ObjectMapper json, NotificationSettings settings) {
        return new WebhookChannel(webhookHttp, json, settings.webhook().secret(), Clock.systemUTC());
    }

    @Bean
    Channel weComRobotChannel(HttpClient webhookHttp, ObjectMapper json) {
        return new WeComRobotChannel(webhookHttp, json);
    }
}
