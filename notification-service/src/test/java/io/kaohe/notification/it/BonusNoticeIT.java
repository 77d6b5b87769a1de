package io.kaohe.notification.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.events.BonusApplicationAnswered;
import io.kaohe.contracts.events.BonusApplicationFiled;
import io.kaohe.contracts.events.EventEnvelope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * A unit's bonus application (加分申报) tells the department assessing the item; the department's refusal goes
 * back to the unit with its reason.
 */
class BonusNoticeIT extends NotificationITBase {

    @Test
    void aBonusApplicationTellsTheOwningDepartmentAndItsRefusalTellsTheUnitWhy() throws Exception {
        // The people told here are told by email: other classes give them other channels (ChannelsIT a group robot).
        for (String user : List.of("reviewer.swzzb", "reporter.sjw", "head.sjw")) {
            assertThat(call(HttpMethod.PUT, "/api/notifications/preferences", user, preferences()).getStatusCode())
                    .isEqualTo(HttpStatus.OK);
        }
        String marker = marker();
        String id = UUID.randomUUID().toString();
        String subject = "cycles/it-2015/units/bz-sjw/bonus-applications/" + id;
        EventEnvelope<BonusApplicationFiled> filed = send("/scoring", BonusApplicationFiled.TYPE, subject, "it-2015",
                "bz-sjw", new BonusApplicationFiled(id, "it-2015", "bz-sjw", "sup.1", "督查工作", "县委工作会议书面通报表扬",
                        new BigDecimal("5.00"), null, new BigDecimal("5.00"), "受书面通报表扬 " + marker,
                        List.of("swzzb"), List.of("e-1"), "reporter.sjw", Instant.now()));
        awaitDelivery(filed.id(), "reviewer.swzzb", "EMAIL", "SENT");
        Mail applied = mails("reviewer.swzzb@kaohe.local", "加分申报待认定").stream()
                .filter(m -> m.text().contains(marker)).findFirst().orElseThrow();
        assertThat(applied.subject()).isEqualTo("【考核平台】加分申报待认定：督查工作 · 县委工作会议书面通报表扬");
        assertThat(applied.text()).contains("5分").contains("#/bonus?cycle=it-2015");
        assertThat(db.sql("select count(*) from delivery where event_id = ? and username = 'reviewer.fpymj'")
                .param(filed.id()).query(Long.class).single()).as("a department not assessing the item").isZero();
        assertThat(db.sql("select count(*) from delivery where event_id = ? and username like '%sjw'")
                .param(filed.id()).query(Long.class).single()).as("the unit filed it: nothing to tell it").isZero();

        EventEnvelope<BonusApplicationAnswered> refused = send("/scoring", BonusApplicationAnswered.TYPE, subject,
                "it-2015", "bz-sjw", new BonusApplicationAnswered(id, "it-2015", "bz-sjw", "sup.1", "督查工作",
                        "县委工作会议书面通报表扬", BonusApplicationAnswered.REFUSED, null, "表扬对象非本单位 " + marker, null,
                        "reviewer.swzzb", "swzzb", Instant.now()));
        awaitDelivery(refused.id(), "reporter.sjw", "EMAIL", "SENT");
        awaitDelivery(refused.id(), "head.sjw", "EMAIL", "SENT");
        Mail answer = mails("reporter.sjw@kaohe.local", "加分不予认定").stream()
                .filter(m -> m.text().contains(marker)).findFirst().orElseThrow();
        assertThat(answer.text()).contains("未予认定").contains("理由：表扬对象非本单位 " + marker)
                .contains("#/bonus?cycle=it-2015");
        assertThat(db.sql("select count(*) from notification where event_id = ? and kind = 'BONUS_REFUSED'")
                .param(refused.id()).query(Long.class).single()).isPositive();
    }
}
