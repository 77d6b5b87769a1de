package io.kaohe.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Drill 10 ({@link UploadUnderFailure}) on {@code ./platform --ha}: evidence-service-1 killed during a 200 MB upload
 * through nginx; the upload finishes against the other instance.
 */
@Order(6)
class EvidenceUploadHaIT {

    private static DrillTarget ha;

    @BeforeAll
    static void startThePlatformInItsProductionShape() throws Exception {
        ha = DrillTarget.ha();
    }

    @Test
    void aLargeUploadFinishesAgainstTheOtherInstanceWhenOneDiesMidway() throws Exception {
        UploadUnderFailure.drill(ha, "evidence-service-1", 25);
    }
}
