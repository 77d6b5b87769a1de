package io.kaohe.deploy;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Drill 5 ({@link DatabaseOutage}) on {@code ./platform --ha}: PostgreSQL down for 20 s while reads flow. */
@Order(4)
class DatabaseRestartHaIT {

    private static DrillTarget ha;

    @BeforeAll
    static void startThePlatformInItsProductionShape() throws Exception {
        ha = DrillTarget.ha();
    }

    @Test
    void theServicesAnswer503WhileTheDatabaseIsDownAndRecoverByThemselves() throws Exception {
        DatabaseOutage.drill(ha, Duration.ofSeconds(20), true);
    }
}
