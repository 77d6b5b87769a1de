package io.kaohe.workflow.process;

import io.kaohe.contracts.events.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbound boundary of the process tests: what the sending steps sent, in order. It can fail
 * one send, as a crash in the middle of a job would: the job fails, and the engine runs it again.
 */
final class RecordedCommands implements CommandSender {

    record Sent(EventType<?> type, String subject, String cycleId, String unitId, Object data) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private EventType<?> failing;
    private int sendsBeforeFailure;

    @Override
    public synchronized <T> void send(EventType<T> type, String subject, String cycleId, String unitId, T data) {
        if (type.equals(failing)) {
            if (sendsBeforeFailure == 0) {
                failing = null;
                throw new IllegalStateException("the job fails while sending " + type.name() + " " + subject);
            }
            sendsBeforeFailure--;
        }
        sent.add(new Sent(type, subject, cycleId, unitId, data));
    }

    /** The send of {@code type} after the next {@code sendsFirst} of them fails, once. */
    synchronized void failOnce(EventType<?> type, int sendsFirst) {
        failing = type;
        sendsBeforeFailure = sendsFirst;
    }

    synchronized <T> List<T> of(EventType<T> type) {
        return sent.stream().filter(s -> s.type().equals(type)).map(s -> type.dataClass().cast(s.data())).toList();
    }

    synchronized void clear() {
        sent.clear();
        failing = null;
    }
}
