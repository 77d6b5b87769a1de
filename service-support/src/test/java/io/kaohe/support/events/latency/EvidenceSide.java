package io.kaohe.support.events.latency;

import io.kaohe.support.events.Inbox;
import io.kaohe.support.events.ReceivedEvent;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The consuming side, as evidence-service keeps the published versions: service-support's own RubricPublished
 * listener (PublishedVersions, with its inbox), switched on by kaohe.rubric-replica.api-path. The benchmark only
 * watches the inbox insert and the transaction's commit.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class EvidenceSide {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor inboxWatch() {
        StaticMethodMatcherPointcut firstDelivery = new StaticMethodMatcherPointcut() {
            @Override
            public boolean matches(java.lang.reflect.Method method, Class<?> targetClass) {
                return Inbox.class.isAssignableFrom(targetClass) && method.getName().equals("firstDelivery");
            }
        };
        MethodInterceptor watch = invocation -> {
            String eventId = ((ReceivedEvent) invocation.getArguments()[1]).id();
            Hops.mark(eventId, Hops.INBOX);
            Object first = invocation.proceed();
            Hops.mark(eventId, Hops.INBOX_DONE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    Hops.mark(eventId, Hops.CONSUMER_COMMIT);
                }
            });
            return first;
        };
        return new DefaultPointcutAdvisor(firstDelivery, watch);
    }
}
