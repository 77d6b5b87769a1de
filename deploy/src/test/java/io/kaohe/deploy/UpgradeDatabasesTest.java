package io.kaohe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.deploy.UpgradeDatabases.Comparison;
import io.kaohe.deploy.UpgradeDatabases.Snapshot;
import io.kaohe.deploy.UpgradeDatabases.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The upgrade drill's comparison of the tables before and after the new release's start, on tables made up here. */
class UpgradeDatabasesTest {

    private static final String DECISION = "scoring.public.decision";
    private static final Table TWO_DECISIONS = new Table(List.of("id", "score"),
            List.of("{\"id\": 1, \"score\": 3}", "{\"id\": 2, \"score\": 2}"));

    @Test
    void earlierRowsUnchangedOnTheirColumnsPassAndANewEmptyColumnIsOnlyNamed() {
        Table after = new Table(List.of("id", "score", "item_version"), List.of("{\"id\": 1, \"score\": 3, \"item_version\": null}",
                "{\"id\": 2, \"score\": 2, \"item_version\": null}", "{\"id\": 3, \"score\": 1, \"item_version\": 1}"));
        Comparison compared = compare(Map.of(DECISION, TWO_DECISIONS), Map.of(DECISION, after));
        assertThat(compared.problems()).isEmpty();
        assertThat(compared.unchangedTables()).isEqualTo(1);
        assertThat(compared.allowed()).containsExactly(DECISION + ": new columns [item_version], null in every earlier row");
    }

    @Test
    void aChangedOrLostEarlierRowIsAProblem() {
        Table changed = new Table(List.of("id", "score"), List.of("{\"id\": 1, \"score\": 3}", "{\"id\": 2, \"score\": 1}"));
        assertThat(compare(Map.of(DECISION, TWO_DECISIONS), Map.of(DECISION, changed)).problems())
                .singleElement().asString().startsWith(DECISION + ": 1 of 2 earlier rows changed or gone");
        Table lost = new Table(List.of("id", "score"), List.of("{\"id\": 1, \"score\": 3}"));
        assertThat(compare(Map.of(DECISION, TWO_DECISIONS), Map.of(DECISION, lost)).problems())
                .contains(DECISION + ": 2 rows before, 1 after");
    }

    @Test
    void aNewColumnFilledInForEarlierRowsIsAProblemUnlessNamed() {
        Table filled = new Table(List.of("id", "score", "item_version"), List.of("{\"id\": 1, \"score\": 3, \"item_version\": 1}",
                "{\"id\": 2, \"score\": 2, \"item_version\": null}"));
        assertThat(compare(Map.of(DECISION, TWO_DECISIONS), Map.of(DECISION, filled)).problems())
                .containsExactly(DECISION + ".item_version: new column filled in for 1 of 2 earlier rows");
        String blob = "evidence.public.evidence_blob";
        Table before = new Table(List.of("sha256"), List.of("{\"sha256\": \"a\"}"));
        Table backfilled = new Table(List.of("sha256", "sm3"), List.of("{\"sm3\": \"b\", \"sha256\": \"a\"}"));
        Comparison compared = compare(Map.of(blob, before), Map.of(blob, backfilled));
        assertThat(compared.problems()).isEmpty();
        assertThat(compared.allowed()).singleElement().asString().startsWith(blob + ".sm3: new column filled in for 1 of 1");
    }

    @Test
    void aRewrittenTableMayChangeOnlyTheRowsNamed() {
        String subscriptions = "workflow.public.act_ru_event_subscr";
        Table before = new Table(List.of("id_", "proc_inst_id_"), List.of("{\"id_\": \"s1\", \"proc_inst_id_\": null}",
                "{\"id_\": \"s2\", \"proc_inst_id_\": \"p1\"}"));
        Table startEventMoved = new Table(before.columns(), List.of("{\"id_\": \"s3\", \"proc_inst_id_\": null}",
                "{\"id_\": \"s2\", \"proc_inst_id_\": \"p1\"}"));
        assertThat(compare(Map.of(subscriptions, before), Map.of(subscriptions, startEventMoved)).problems()).isEmpty();
        Table instanceLost = new Table(before.columns(), List.of("{\"id_\": \"s1\", \"proc_inst_id_\": null}",
                "{\"id_\": \"s4\", \"proc_inst_id_\": \"p1\"}"));
        assertThat(compare(Map.of(subscriptions, before), Map.of(subscriptions, instanceLost)).problems()).singleElement()
                .asString().contains("\"s2\"");
    }

    @Test
    void aDroppedTableMustBeNamedAndEachOfItsRowsFoundWhereItMoved() {
        String gone = "rubric.public.something";
        assertThat(compare(Map.of(gone, TWO_DECISIONS), Map.of()).problems()).containsExactly(gone + ": table gone");

        String units = "scoring.public.unit_items";
        String replica = "scoring.public.replica_unit";
        Table before = new Table(List.of("version_id", "unit_code", "body", "fetched_at"),
                List.of("{\"version_id\": \"v\", \"unit_code\": \"bz-sjw\", \"body\": {}, \"fetched_at\": \"t\"}",
                        "{\"version_id\": \"v\", \"unit_code\": \"bz-zjfy\", \"body\": {}, \"fetched_at\": \"t\"}"));
        List<String> columns = List.of("rubric_version_id", "unit_code", "maximum", "fetched_at");
        Table moved = new Table(columns, List.of("{\"rubric_version_id\": \"v\", \"unit_code\": \"bz-sjw\", \"maximum\": 6, "
                + "\"fetched_at\": \"t\"}", "{\"rubric_version_id\": \"v\", \"unit_code\": \"bz-zjfy\", \"maximum\": 6, "
                + "\"fetched_at\": \"t\"}"));
        assertThat(compare(Map.of(units, before), Map.of(replica, moved)).problems()).isEmpty();
        Table half = new Table(columns, List.of(moved.rows().get(0)));
        assertThat(compare(Map.of(units, before), Map.of(replica, half)).problems()).singleElement().asString()
                .startsWith(units + ": dropped, 1 of its 2 rows not in " + replica);
    }

    private static Comparison compare(Map<String, Table> before, Map<String, Table> after) {
        return UpgradeDatabases.compare(snapshot(before), snapshot(after));
    }

    private static Snapshot snapshot(Map<String, Table> tables) {
        return new Snapshot(tables, Map.of(), List.of(), Map.of(), 0);
    }
}
