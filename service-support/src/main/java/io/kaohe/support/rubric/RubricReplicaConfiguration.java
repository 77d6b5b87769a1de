package io.kaohe.support.rubric;

import io.kaohe.support.clients.RubricApi;
import io.kaohe.support.events.Inbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rubric replica, for the services that work against published versions: they name the path
 * of their versions listing ({@code kaohe.rubric-replica.api-path}). Its tables come with the
 * platform migrations.
 */
@AutoConfiguration
@ConditionalOnProperty("kaohe.rubric-replica.api-path")
public class RubricReplicaConfiguration {

    @Bean
    @ConditionalOnMissingBean
    UnitItemsSource rubricServiceUnitItems(RubricApi rubric) {
        return rubric::unitItems;
    }

    @Bean
    RubricReplica rubricReplica(JdbcClient db, UnitItemsSource source, PlatformTransactionManager transactions) {
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new RubricReplica(db, source, own);
    }

    @Bean
    PublishedVersions publishedVersions(JdbcClient db, Inbox inbox, @Value("${spring.application.name}") String name) {
        return new PublishedVersions(db, inbox, name + ".published-rubrics");
    }

    @Bean
    PublishedVersionsController publishedVersionsController(PublishedVersions versions) {
        return new PublishedVersionsController(versions);
    }
}
