package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.migration.PlatformSchemaMigration;
import io.kaohe.testsupport.TestServers;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The unit items scoring cached as JSON documents (and the versions it was told of) become rows of
 * the platform's rubric replica, item for item and in the order rubric-service served them.
 */
class RubricReplicaMigrationIT {

    @Test
    void cachedUnitItemsBecomeReplicaRowsInTheirOrder() throws Exception {
        String url = TestServers.database("scoring_replica_" + UUID.randomUUID().toString().substring(0, 8));
        DriverManagerDataSource source = new DriverManagerDataSource(url, TestServers.postgres().user(),
                TestServers.postgres().password());
        Flyway.configure().dataSource(source).locations("classpath:db/migration").target("7").load().migrate();
        JdbcClient db = JdbcClient.create(source);
        UnitItems layout = Fixtures.unitItems(Fixtures.LAYOUT, "bz-y1");
        UnitItems targets = Fixtures.unitItems(Fixtures.TARGETS, "bz-a");
        for (UnitItems cached : List.of(layout, targets)) {
            db.sql("insert into unit_items (version_id, unit_code, body) values (?, ?, cast(? as jsonb))")
                    .params(cached.versionId(), cached.unitCode(), EventJson.mapper().writeValueAsString(cached))
                    .update();
        }
        UUID version = UUID.randomUUID();
        db.sql("""
                insert into known_rubric_version (version_id, system_code, year, title, leaf_count, total_points,
                                                  content_hash, snapshot_path, published_at)
                values (?, 'county', 2025, '2025年度考核指标', 3, 4.5, 'sha256:x', 'rubric/x.json', now())
                """).param(version).update();

        // As a service starts: the platform's migrations, then its own.
        new PlatformSchemaMigration().migrate(Flyway.configure().dataSource(source)
                .locations("classpath:db/migration").load());

        for (UnitItems cached : List.of(layout, targets)) {
            List<UnitItem> rows = db.sql("""
                    select item_code, title, path::text, top_level_code, top_level_title, points, rule::text,
                           assessing_departments, deadline, accepted_evidence
                    from replica_unit_item where rubric_version_id = ? and unit_code = ? order by position
                    """).params(cached.versionId(), cached.unitCode())
                    .query((rs, row) -> new UnitItem(rs.getString(1), rs.getString(2),
                            List.of(json(rs.getString(3), String[].class)), rs.getString(4),
                            rs.getString(5), rs.getBigDecimal(6),
                            rs.getString(7) == null ? null
                                    : json(rs.getString(7), io.kaohe.contracts.rubric.ScoringRule.class),
                            List.of((String[]) rs.getArray(8).getArray()), rs.getString(9), rs.getString(10)))
                    .list();
            assertThat(rows).isEqualTo(cached.items());
            assertThat(db.sql("select maximum from replica_unit where rubric_version_id = ? and unit_code = ?")
                    .params(cached.versionId(), cached.unitCode()).query(java.math.BigDecimal.class).single())
                    .isEqualByComparingTo(cached.maximum());
        }
        assertThat(db.sql("select title from replica_rubric_version where version_id = ?").param(version)
                .query(String.class).single()).isEqualTo("2025年度考核指标");
        assertThat(db.sql("select count(*) from information_schema.tables where table_name in "
                + "('unit_items', 'known_rubric_version')").query(Integer.class).single()).isZero();
    }

    private static <T> T json(String text, Class<T> type) {
        try {
            return EventJson.mapper().readValue(text, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
