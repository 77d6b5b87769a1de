package io.kaohe.notification.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.events.AppealClosed;
import io.kaohe.contracts.events.EventEnvelope;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The office's decision on a unit's appeal (publicity period) goes back to the unit with the reason. */
class AppealNoticeIT extends NotificationITBase {

    @Test
    void aRejectedAppealTellsTheUnitTheOfficesReasonWithTheLinkToItsAppeals() throws Exception {
        String marker = marker();
        String appealId = UUID.randomUUID().toString();
        EventEnvelope<AppealClosed> sent = send("/workflow", AppealClosed.TYPE, "cycles/it-2015/units/bz-sjw/appeals/" + appealId,
                "it-2015", "bz-sjw", new AppealClosed(appealId, "it-2015", "bz-sjw", "T.bz-sjw.2", AppealClosed.REJECTED,
                        "扣分依据充分，维持原扣分 " + marker, "会议记录缺失属实", "office", Instant.now()));
        awaitDelivery(sent.id(), "reporter.sjw", "EMAIL", "SENT");
        awaitDelivery(sent.id(), "head.sjw", "EMAIL", "SENT");

        Mail mail = mails("reporter.sjw@kaohe.local", "申诉不成立").stream().filter(m -> m.text().contains(marker))
                .findFirst().orElseThrow();
        assertThat(mail.subject()).isEqualTo("【考核平台】申诉不成立：考核项目 T.bz-sjw.2");
        assertThat(mail.text()).contains("申诉经考核办复核不成立").contains("复核意见：扣分依据充分，维持原扣分 " + marker)
                .contains("http://portal.test/#/appeals?cycle=it-2015");
        assertThat(db.sql("select count(*) from notification where event_id = ? and kind = 'APPEAL_REJECTED'")
                .param(sent.id()).query(Long.class).single()).isPositive();
        assertThat(db.sql("select count(*) from delivery where event_id = ? and username like '%zjfy'").param(sent.id())
                .query(Long.class).single()).as("another unit is told nothing").isZero();
    }
}
