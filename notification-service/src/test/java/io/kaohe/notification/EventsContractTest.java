package io.kaohe.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.events.DeadlineApproaching;
import io.kaohe.contracts.events.EventType;
import io.kaohe.contracts.events.SubmissionReturned;
import io.kaohe.contracts.events.TaskCreated;
import io.kaohe.contracts.events.TaskReturned;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.ReceivedEvent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** This consumer reads the producers' golden examples of the events it tells people of. */
class EventsContractTest {

    static <T> T golden(EventType<T> type) throws Exception {
        try (InputStream in = EventsContractTest.class.getResourceAsStream("/golden/" + type.name() + ".json")) {
            ReceivedEvent event = EventJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return event.data(type);
        }
    }

    @Test
    void readsTheTaskEventsItTellsOf() throws Exception {
        TaskCreated created = golden(TaskCreated.TYPE);
        assertThat(created.candidateGroups()).containsExactly("unit-head:bz-sjw", "unit-reporter:bz-sjw");
        assertThat(created.dueAt()).isNotNull();
        TaskReturned returned = golden(TaskReturned.TYPE);
        assertThat(returned.reason()).contains("一案双查");
        assertThat(returned.returnedBy()).isEqualTo("reviewer.swzzb");
        assertThat(golden(DeadlineApproaching.TYPE).assignees()).isEqualTo("unit-reporter:bz-sjw,unit-head:bz-sjw");
        assertThat(golden(SubmissionReturned.TYPE).reviewerRole()).isEqualTo("dept-reviewer");
    }

    @Test
    void readsTheOfficesDecisionOnAnAppeal() throws Exception {
        io.kaohe.contracts.events.AppealClosed closed = golden(io.kaohe.contracts.events.AppealClosed.TYPE);
        assertThat(closed.outcome()).isEqualTo(io.kaohe.contracts.events.AppealClosed.REJECTED);
        assertThat(closed.reason()).contains("维持原扣分");
        assertThat(closed.unitCode()).isEqualTo("bz-sjw");
        assertThat(closed.itemCode()).isEqualTo("T.bz-sjw.2");
    }

    @Test
    void readsTheBonusApplicationsItTellsOf() throws Exception {
        var filed = golden(io.kaohe.contracts.events.BonusApplicationFiled.TYPE);
        assertThat(filed.assessingDepartments()).containsExactly("swzzb");
        assertThat(filed.points()).isEqualByComparingTo("5");
        var answered = golden(io.kaohe.contracts.events.BonusApplicationAnswered.TYPE);
        assertThat(answered.outcome()).isEqualTo(io.kaohe.contracts.events.BonusApplicationAnswered.REFUSED);
        assertThat(answered.reason()).contains("不予加分");
    }
}
