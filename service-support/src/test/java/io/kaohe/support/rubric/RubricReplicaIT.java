package io.kaohe.support.rubric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.contracts.rubric.DeductionPerIncident;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.testsupport.TestServers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;

/** The replica on a real PostgreSQL with the platform migrations: asked once, kept, one error policy. */
class RubricReplicaIT {

    private static final String VERSION = "3f2d5f4e-0000-4000-8000-000000000001";

    private JdbcClient db;
    private TransactionTemplate own;

    @BeforeEach
    void database() {
        String url = TestServers.database("replica_" + UUID.randomUUID().toString().substring(0, 8));
        DriverManagerDataSource source = new DriverManagerDataSource(url, TestServers.postgres().user(),
                TestServers.postgres().password());
        Flyway.configure().dataSource(source).locations("classpath:db/platform").table("flyway_platform_history")
                .load().migrate();
        db = JdbcClient.create(source);
        own = new TransactionTemplate(new DataSourceTransactionManager(source));
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Test
    void itemsAreFetchedOnceKeptInRubricOrderAndServedWhileRubricServiceIsDown() {
        AtomicInteger asked = new AtomicInteger();
        RubricReplica replica = new RubricReplica(db, (version, unit) -> {
            asked.incrementAndGet();
            return items(unit);
        }, own);

        UnitItemSet set = replica.items(VERSION, "bz-y1");
        assertThat(set.items()).extracting(UnitItem::itemCode).containsExactly("z.2", "a.1");
        assertThat(set.maximum()).isEqualByComparingTo("3.5");
        assertThat(set.item("a.1").rule()).isEqualTo(new DeductionPerIncident(new BigDecimal("0.1"), "每发生1起扣0.1分"));
        assertThat(set.item("z.2").assessingDepartments()).containsExactly("swzzb", "zzb");
        assertThat(set.item("z.2").path()).containsExactly("党的建设", "组织建设");
        assertThat(set.items()).isEqualTo(items("bz-y1").items());
        replica.items(VERSION, "bz-y1");
        assertThat(asked).as("asked once, then from memory").hasValue(1);

        RubricReplica restarted = new RubricReplica(db, (version, unit) -> {
            throw new ResourceAccessException("rubric-service is down");
        }, own);
        assertThat(restarted.items(VERSION, "bz-y1")).isEqualTo(set);
    }

    @Test
    void aVersionWithoutTheUnitIsAConflictAndAnUnreachableRubricServiceIsUnavailable() {
        RubricReplica notThere = new RubricReplica(db, (version, unit) -> {
            throw HttpClientErrorException.create(HttpStatus.NOT_FOUND, "Not Found", HttpHeaders.EMPTY, new byte[0],
                    StandardCharsets.UTF_8);
        }, own);
        assertThatThrownBy(() -> notThere.items(VERSION, "nobody"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.code()).isEqualTo("platform.rubric.no-items");
                });
        RubricReplica down = new RubricReplica(db, (version, unit) -> {
            throw new ResourceAccessException("Connection refused");
        }, own);
        assertThatThrownBy(() -> down.items(VERSION, "bz-y1"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.code()).isEqualTo("platform.rubric.unavailable");
                });
        assertThat(db.sql("select count(*) from replica_unit").query(Integer.class).single())
                .as("nothing half-kept").isZero();
    }

    private static UnitItems items(String unit) {
        return new UnitItems(VERSION, unit, "共青团", "party-dept", null, List.of(
                new UnitItem("z.2", "组织生活", List.of("党的建设", "组织建设"), "pb", "党的建设", new BigDecimal("2"),
                        new Judged("根据完成情况计分"), List.of("swzzb", "zzb"), "12-31", "会议记录"),
                new UnitItem("a.1", "意识形态工作", List.of("党的建设"), "pb", "党的建设", new BigDecimal("1.5"),
                        new DeductionPerIncident(new BigDecimal("0.1"), "每发生1起扣0.1分"), List.of("swzzb"), null,
                        null)));
    }
}
