package io.kaohe.bundle;

import static io.kaohe.testsupport.DrillYear.REVIEW;
import static io.kaohe.testsupport.DrillYear.REVIEWER_OF;
import static io.kaohe.testsupport.DrillYear.SJW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.testsupport.Await;
import io.kaohe.testsupport.DrillYear;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The year the backup drill gives the installed bundle through nginx, before the backup: the roster, a rubric of two
 * items published, a cycle opened for bz-sjw and bz-zjfy, bz-sjw's first quarter with two evidence files (a ledger
 * with a Chinese name, a photo of a few MB) signed off, 市扶贫移民局's review decided and its judged score recorded, a
 * deduction for an incident 市委组织部 found, 市委组织部's review left open. After the restore the year must read back
 * the same through the API, every file download with the SHA-256 of what was uploaded, and carry on.
 */
final class BundleYear {

    private static final Duration EVENT_WAIT = Duration.ofMinutes(4);
    private static final String LEDGER = SJW + "-Q1-驻村帮扶台账.txt";
    private static final String PHOTO = SJW + "-Q1-三会一课现场照片.png";

    private final CountyPeople people;
    private final DrillYear year;
    private Map<String, JsonNode> before;
    private long photoBytes;

    BundleYear(CountyPeople people) {
        this.people = people;
        this.year = new DrillYear(people, EVENT_WAIT);
    }

    /** Gives the year; returns once every consumer has seen it (tasks in the inboxes, decisions on the sheet). */
    void fill() throws Exception {
        int calendarYear = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        String code = "backup-" + Long.toString(System.currentTimeMillis(), 36);
        year.enrol();
        year.publishRubric(code, calendarYear, "备份演练");
        year.openCycle(code, calendarYear, calendarYear + "年度备份演练");

        year.openFirstQuarter(SJW, Duration.ofMinutes(5));
        year.upload(SJW, "1.1", LEDGER, ("Q1 驻村帮扶工作台账（" + SJW + "）：走访贫困户12户，落实帮扶措施8项。\n")
                .repeat(40).getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8");
        byte[] photo = photo();
        photoBytes = photo.length;
        year.upload(SJW, "1.2", PHOTO, photo, "image/png");
        year.signOff(SJW, "Q1驻村帮扶按计划完成，见台账");

        for (String reviewer : REVIEWER_OF.values()) {
            year.awaitTask(reviewer, REVIEW, SJW, "Q1", EVENT_WAIT);
        }
        year.review(SJW, "1.1", "ACCEPTED", "台账齐全");
        Await.until("市扶贫移民局's review of bz-sjw Q1 gone from its inbox", EVENT_WAIT, () ->
                year.reviewTasks(REVIEWER_OF.get("1.1"), SJW).isEmpty() ? true : null);
        year.judge(SJW, "1.1", 2.5, "驻村帮扶成效较好");
        year.deduct(SJW, "1.2", 1, "第二党支部三会一课记录不全", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        year.awaitOnSheet(SJW, "驻村帮扶成效较好");
        year.awaitOnSheet(SJW, "三会一课记录不全");
        assertThat(year.reviewTasks(REVIEWER_OF.get("1.2"), SJW)).as("市委组织部's review left open").hasSize(1);

        before = year.read();
        assertThat(before.get("files of " + SJW)).as("bz-sjw's evidence files").hasSize(2);
        assertThat(year.downloadsEveryUpload()).isEqualTo(2);
    }

    /** What the fill gave, in the drill's words. */
    String described() {
        return "roster, rubric " + year.versionId() + " published, cycle " + year.cycleId() + " for 2 units, bz-sjw's Q1 "
                + "signed off with 2 files (" + LEDGER + ", " + PHOTO + " of " + photoBytes + " B), a review decided and "
                + "one open, a judged score and a deduction; " + people.logins() + " of the " + people.size()
                + " people logged in through nginx";
    }

    /** After the restore, with new logins: every answer as before the backup, every upload downloaded as it was sent. */
    int readsBackAsBefore() throws Exception {
        people.forgetSessions();
        Map<String, JsonNode> after = year.read();
        assertThat(after.keySet()).as("what the year answers").isEqualTo(before.keySet());
        for (Map.Entry<String, JsonNode> read : before.entrySet()) {
            assertThat(after.get(read.getKey())).as(read.getKey() + " after the restore").isEqualTo(read.getValue());
        }
        return year.downloadsEveryUpload();
    }

    /**
     * The restored platform carries the year on: 市委组织部 accepts item 1.2 and the task leaves its inbox (evidence →
     * Kafka → workflow's engine), 市扶贫移民局 records a judged score for bz-zjfy and it reaches the sheet.
     */
    void carriesOn() throws Exception {
        year.review(SJW, "1.2", "ACCEPTED", "恢复后审核");
        Await.until("市委组织部's review of bz-sjw Q1 closed on the restored platform", EVENT_WAIT, () ->
                year.reviewTasks(REVIEWER_OF.get("1.2"), SJW).isEmpty() ? true : null);
        year.judge(DrillYear.ZJFY, "1.1", 2, "驻村帮扶记录不全");
        year.awaitOnSheet(DrillYear.ZJFY, "驻村帮扶记录不全");
    }

    /** A photo as a phone takes one: 1024 × 1024 pixels of noise, which PNG cannot compress (about 3 MB). */
    private static byte[] photo() throws Exception {
        BufferedImage image = new BufferedImage(1024, 1024, BufferedImage.TYPE_INT_RGB);
        Random noise = new Random(14);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, noise.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "png", png)).isTrue();
        assertThat(png.size()).as("a photo of a few MB").isGreaterThan(2_000_000);
        return png.toByteArray();
    }
}
