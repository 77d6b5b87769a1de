package io.kaohe.workflow.process;

import io.kaohe.contracts.events.EventType;
import java.util.ArrayList;
import java.util.List;

/** The outbound boundary of the process tests: what the sending steps sent, in order. */
final class RecordedCommands implements CommandSender {

    record Sent(EventType<?> type, String subject, String cycleId, String unitId, Object data) {
    }

    private final List<Sent> sent = new ArrayList<>();

    @Override
    public synchronized <T> void send(EventType<T> type, String subject, String cycleId, String unitId, T data) {
        sent.add(new Sent(type, subject, cycleId, unitId, data));
    }

    synchronized <T> List<T> of(EventType<T> type) {
        return sent.stream().filter(s -> s.type().equals(type)).map(s -> type.dataClass().cast(s.data())).toList();
    }

    synchronized void clear() {
        sent.clear();
    }
}
