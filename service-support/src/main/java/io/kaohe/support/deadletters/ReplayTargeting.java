package io.kaohe.support.deadletters;

import io.kaohe.support.events.ReplayedEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * A replayed message reaches only the consumer group that parked it: every other group reading
 * the topic skips it (and commits past it), as it already applied the event the first time.
 */
final class ReplayTargeting implements RecordInterceptor<Object, Object> {

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        Header target = record.headers().lastHeader(ReplayedEvent.FOR_CONSUMER);
        if (target == null) {
            return record;
        }
        String group = consumer.groupMetadata().groupId();
        return new String(target.value(), StandardCharsets.UTF_8).equals(group) ? record : null;
    }
}
