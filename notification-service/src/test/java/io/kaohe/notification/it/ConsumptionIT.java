package io.kaohe.notification.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.DeadlineApproaching;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.TaskCreated;
import io.kaohe.contracts.events.TaskReturned;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** The process's events become notifications and emails for the people they concern: once, in their language. */
class ConsumptionIT extends NotificationITBase {

    @Test
    void aRedeliveredEventTellsNobodyTwice() throws Exception {
        String marker = marker();
        long before = unread("reporter.sjw");
        EventEnvelope<TaskCreated> created = taskCreated(marker, "bz-sjw", List.of("unit-head:bz-sjw", "unit-reporter:bz-sjw"));
        awaitDelivery(created.id(), "reporter.sjw", "EMAIL", "SENT");

        send(created, TaskCreated.TYPE); // Kafka delivers it again
        TaskCreated again = taskCreated(marker + "b", "bz-sjw", List.of("unit-reporter:bz-sjw")).data();
        await().atMost(Duration.ofSeconds(60)).until(() -> db.sql("select count(*) from notification where task_id = ?")
                .param(again.taskId()).query(Long.class).single() == 1);

        assertThat(db.sql("select count(*) from notification where event_id = ?").param(created.id()).query(Long.class)
                .single()).as("one notification per audience").isEqualTo(2);
        assertThat(db.sql("select count(*) from delivery where event_id = ? and username = 'reporter.sjw'")
                .param(created.id()).query(Long.class).single()).as("in-app and email, once each").isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> mails("reporter.sjw@kaohe.local", marker + "b").size() == 1);
        assertThat(mails("reporter.sjw@kaohe.local", marker)).as("the first task's email, once; the second's")
                .extracting(Mail::subject).containsExactlyInAnyOrder("【考核平台】新待办：测试待办" + marker,
                        "【考核平台】新待办：测试待办" + marker + "b");
        assertThat(mails("head.sjw@kaohe.local", marker)).hasSize(1);
        assertThat(unread("reporter.sjw")).isEqualTo(before + 2);
    }

    @Test
    void emailsAreWrittenInEachPersonsLanguageWithTheLinkToTheTask() throws Exception {
        assertThat(call(HttpMethod.PUT, "/api/notifications/preferences", "reporter.zjfy", preferences("language", "en"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        String marker = marker();
        String taskId = UUID.randomUUID().toString();
        TaskReturned returned = new TaskReturned(taskId, "UserTask_ReviseSelfAssessment", "补充材料并重新签发 / correct and sign off again",
                "it-2015", "bz-zjfy", "Q1", "swzzb", null, List.of("unit-head:bz-zjfy", "unit-reporter:bz-zjfy"), null,
                Instant.parse("2015-04-15T16:00:00Z"), Instant.now(), "reviewer.swzzb", "T.bz-zjfy.2：请补充会议记录 " + marker);
        EventEnvelope<TaskReturned> sent = send("/workflow", TaskReturned.TYPE, "tasks/" + taskId, "it-2015", "bz-zjfy",
                returned);
        awaitDelivery(sent.id(), "reporter.zjfy", "EMAIL", "SENT");
        awaitDelivery(sent.id(), "head.zjfy", "EMAIL", "SENT");

        Mail english = mails("reporter.zjfy@kaohe.local", "Correct and sign off again").stream()
                .filter(m -> m.text().contains(marker)).findFirst().orElseThrow();
        assertThat(english.subject()).isEqualTo("[Assessment platform] Returned: Correct and sign off again");
        assertThat(english.text()).contains("bz-zjfy · Q1: work was sent back (returned by reviewer.swzzb)")
                .contains("Reason: T.bz-zjfy.2：请补充会议记录 " + marker)
                .contains("Due 2015-04-16 00:00.")
                .contains("http://portal.test/#/inbox?task=" + taskId)
                .contains("notification settings");
        Mail chinese = mails("head.zjfy@kaohe.local", "补充材料并重新签发").stream()
                .filter(m -> m.text().contains(marker)).findFirst().orElseThrow();
        assertThat(chinese.subject()).isEqualTo("【考核平台】被退回：补充材料并重新签发");
        assertThat(chinese.text()).contains("bz-zjfy · 第一季度：工作被退回（reviewer.swzzb退回）")
                .contains("办理期限：2015年4月16日 00:00。")
                .contains("http://portal.test/#/inbox?task=" + taskId);
        assertThat(chinese.from()).contains("kaohe-noreply@kaohe.local");
    }

    @Test
    void aReminderLinksToTheTaskItIsAbout() {
        String marker = marker();
        EventEnvelope<TaskCreated> created = taskCreated(marker, "bz-sjw", List.of("unit-reporter:bz-sjw"));
        awaitDelivery(created.id(), "reporter.sjw", "IN_APP", "SENT");
        EventEnvelope<DeadlineApproaching> reminder = send("/workflow", DeadlineApproaching.TYPE, "reminder", "it-2015",
                "bz-sjw", new DeadlineApproaching("it-2015", "bz-sjw", created.data().taskType(), "Q1",
                        Instant.parse("2015-03-31T16:00:00Z"), "unit-reporter:bz-sjw,unit-head:bz-sjw"));
        awaitDelivery(reminder.id(), "reporter.sjw", "IN_APP", "SENT");

        JsonNode page = call(HttpMethod.GET, "/api/notifications?size=200", "reporter.sjw", null).getBody();
        JsonNode told = find(page, reminder.id());
        assertThat(told.get("kind").asText()).isEqualTo("DEADLINE_APPROACHING");
        assertThat(told.get("title").asText()).isEqualTo("即将到期：测试待办" + marker);
        assertThat(told.get("body").asText()).contains("将于2015年4月1日 00:00到期");
        assertThat(told.get("link").asText()).isEqualTo("#/inbox?task=" + created.data().taskId());
        assertThat(told.get("read").asBoolean()).isFalse();
        JsonNode english = find(call(HttpMethod.GET, "/api/notifications?size=200", "reporter.sjw", null, "en").getBody(),
                reminder.id());
        assertThat(english.get("title").asText()).isEqualTo("Due soon: test task " + marker);
    }

    static JsonNode find(JsonNode page, String id) {
        for (JsonNode item : page.get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("notification " + id + " not listed: " + page);
    }
}
