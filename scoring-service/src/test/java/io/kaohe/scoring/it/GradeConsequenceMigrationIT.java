package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Schemes and proposals stored before bands had a consequence get, once, the consequence their
 * grades' names had (较差 → a talk and a report, 一般 → a written explanation, any other → none),
 * and a consequence already there is kept.
 */
class GradeConsequenceMigrationIT {

    @Test
    void storedSchemesAndProposalsGetTheConsequenceTheirGradeNamesHad() {
        String url = TestServers.database("scoring_migration_" + UUID.randomUUID().toString().substring(0, 8));
        DriverManagerDataSource source = new DriverManagerDataSource(url, TestServers.postgres().user(),
                TestServers.postgres().password());
        Flyway.configure().dataSource(source).locations("classpath:db/migration").target("3").load().migrate();
        JdbcClient db = JdbcClient.create(source);
        db.sql("insert into cycle (cycle_id, year, title, rubric_version_id) values ('c', 2015, '2015年度考核', 'v')")
                .update();
        db.sql("insert into cycle_unit (cycle_id, unit_code, unit_name, category, position) values "
                + "('c', 'a', 'A', 'dept', 0), ('c', 'b', 'B', 'dept', 1), ('c', 'd', 'D', 'dept', 2)").update();
        String before = """
                {"bands": [{"grade": "好", "minPercent": 90}, {"grade": "较好", "minPercent": 80},
                           {"grade": "一般", "minPercent": 60}, {"grade": "较差", "minPercent": 0}],
                 "quotas": [{"grade": "好", "maxShare": 0.3}], "vetoes": []}""";
        String renamedWithConsequences = """
                {"bands": [{"grade": "A", "minPercent": 60, "consequence": "NONE"},
                           {"grade": "B", "minPercent": 0, "consequence": "WRITTEN_EXPLANATION"}],
                 "quotas": [], "vetoes": []}""";
        db.sql("insert into grading_scheme (cycle_id, scheme, updated_by) values ('c', cast(? as jsonb), 'office')")
                .param(before).update();
        UUID old = UUID.randomUUID();
        UUID renamed = UUID.randomUUID();
        db.sql("insert into grade_proposal (id, cycle_id, scheme, proposed_by, proposed_at) values "
                        + "(?, 'c', cast(? as jsonb), 'office', now()), (?, 'c', cast(? as jsonb), 'office', now())")
                .params(old, before, renamed, renamedWithConsequences).update();
        db.sql("""
                insert into proposed_grade (proposal_id, unit_code, category, total, maximum, percent, rank, band_grade,
                                            grade) values (?, 'a', 'dept', 95, 100, 95, 1, '好', '较好'),
                                                          (?, 'b', 'dept', 65, 100, 65, 2, '一般', '一般'),
                                                          (?, 'd', 'dept', 30, 100, 30, 3, '较差', '较差')
                """).params(old, old, old).update();

        // As a service starts: the platform's migrations (the rubric replica V8 moves into), then its own.
        new PlatformSchemaMigration().migrate(Flyway.configure().dataSource(source).locations("classpath:db/migration").load());

        assertThat(bands(db.sql("select scheme::text from grading_scheme where cycle_id = 'c'").query(String.class)
                .single())).containsExactly("好:NONE", "较好:NONE", "一般:WRITTEN_EXPLANATION", "较差:TALK_AND_REPORT");
        assertThat(bands(db.sql("select scheme::text from grade_proposal where id = ?").param(old).query(String.class)
                .single())).containsExactly("好:NONE", "较好:NONE", "一般:WRITTEN_EXPLANATION", "较差:TALK_AND_REPORT");
        assertThat(bands(db.sql("select scheme::text from grade_proposal where id = ?").param(renamed)
                .query(String.class).single())).as("consequences already given are kept")
                .containsExactly("A:NONE", "B:WRITTEN_EXPLANATION");
        assertThat(EventJson.tree(db.sql("select scheme::text from grading_scheme where cycle_id = 'c'")
                .query(String.class).single()).at("/quotas/0/grade").asText()).isEqualTo("好");
        assertThat(db.sql("select unit_code || ':' || consequence from proposed_grade order by unit_code")
                .query(String.class).list())
                .containsExactly("a:NONE", "b:WRITTEN_EXPLANATION", "d:TALK_AND_REPORT");
    }

    private static List<String> bands(String scheme) {
        JsonNode tree = EventJson.tree(scheme);
        return java.util.stream.StreamSupport.stream(tree.get("bands").spliterator(), false)
                .map(b -> b.get("grade").asText() + ":" + b.get("consequence").asText()).toList();
    }
}
