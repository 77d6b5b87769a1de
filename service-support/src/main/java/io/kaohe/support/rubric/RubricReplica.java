package io.kaohe.support.rubric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.problems.ProblemException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.HttpClientErrorException;

/**
 * This service's copy of what each unit is assessed on per published rubric version: from memory,
 * else from the replica tables, else fetched once from rubric-service and kept. A published version
 * never changes, so nothing here is ever invalidated, and once kept the items are there even while
 * rubric-service is down.
 *
 * <p>One error policy for every service: a version without items for the unit is a 409
 * ({@code platform.rubric.no-items}); rubric-service unreachable or failing is a 503
 * ({@code platform.rubric.unavailable}) the caller may retry.
 */
public class RubricReplica {

    private static final Logger log = LoggerFactory.getLogger(RubricReplica.class);

    private final JdbcClient db;
    private final UnitItemsSource source;
    private final TransactionTemplate ownTransaction;
    private final Map<String, UnitItemSet> memory = new ConcurrentHashMap<>();

    RubricReplica(JdbcClient db, UnitItemsSource source, TransactionTemplate ownTransaction) {
        this.db = db;
        this.source = source;
        this.ownTransaction = ownTransaction;
    }

    /**
     * The unit's items in the version, fetched from rubric-service the first time.
     *
     * @throws ProblemException 409 if the version has no items for the unit, 503 if they are not
     *                          kept yet and rubric-service cannot give them now
     */
    public UnitItemSet items(String rubricVersionId, String unitCode) {
        String key = rubricVersionId + '\u0000' + unitCode;
        UnitItemSet cached = memory.get(key);
        if (cached != null) {
            return cached;
        }
        UnitItemSet set = stored(rubricVersionId, unitCode).orElseGet(() -> {
            UnitItems fetched = fetch(rubricVersionId, unitCode);
            // Its own transaction: the copy is right whatever becomes of the caller's work, and rows
            // that reference it (a self-assessment) find it committed.
            ownTransaction.executeWithoutResult(tx -> keep(rubricVersionId, unitCode, fetched));
            return stored(rubricVersionId, unitCode).orElseThrow();
        });
        memory.put(key, set);
        return set;
    }

    private UnitItems fetch(String rubricVersionId, String unitCode) {
        UnitItems fetched;
        try {
            fetched = source.unitItems(rubricVersionId, unitCode);
        } catch (HttpClientErrorException.NotFound e) {
            fetched = null;
        } catch (RuntimeException e) {
            log.warn("rubric-service could not give the items of unit {} in version {}: {}", unitCode,
                    rubricVersionId, e.toString());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "platform.rubric.unavailable", unitCode,
                    rubricVersionId);
        }
        if (fetched == null) {
            throw new ProblemException(HttpStatus.CONFLICT, "platform.rubric.no-items", unitCode, rubricVersionId);
        }
        return fetched;
    }

    private void keep(String rubricVersionId, String unitCode, UnitItems fetched) {
        BigDecimal maximum = fetched.maximum() != null ? fetched.maximum()
                : fetched.items().stream().map(UnitItem::points).reduce(BigDecimal.ZERO, BigDecimal::add);
        int inserted = db.sql("""
                insert into replica_unit (rubric_version_id, unit_code, unit_name, category, maximum)
                values (:version, :unit, :name, :category, :maximum)
                on conflict do nothing
                """)
                .param("version", rubricVersionId).param("unit", unitCode).param("name", fetched.unitName())
                .param("category", fetched.category()).param("maximum", maximum)
                .update();
        if (inserted == 0) {
            return; // kept concurrently by another request: the same published version
        }
        int position = 0;
        for (UnitItem item : fetched.items()) {
            db.sql("""
                    insert into replica_unit_item (rubric_version_id, unit_code, item_code, position, title, path,
                                                   top_level_code, top_level_title, points, rule,
                                                   assessing_departments, deadline, accepted_evidence)
                    values (:version, :unit, :code, :position, :title, cast(:path as jsonb), :top, :topTitle, :points,
                            cast(:rule as jsonb), :departments, :deadline, :evidence)
                    """)
                    .param("version", rubricVersionId).param("unit", unitCode).param("code", item.itemCode())
                    .param("position", position++).param("title", item.title()).param("path", write(item.path()))
                    .param("top", item.topLevelCode()).param("topTitle", item.topLevelTitle())
                    .param("points", item.points())
                    .param("rule", item.rule() == null ? null : write(item.rule()))
                    .param("departments", item.assessingDepartments().toArray(String[]::new))
                    .param("deadline", item.deadline()).param("evidence", item.acceptedEvidence())
                    .update();
        }
        log.info("kept {} items of unit {} in rubric version {}", fetched.items().size(), unitCode, rubricVersionId);
    }

    private Optional<UnitItemSet> stored(String rubricVersionId, String unitCode) {
        return db.sql("select * from replica_unit where rubric_version_id = :version and unit_code = :unit")
                .param("version", rubricVersionId).param("unit", unitCode)
                .query((rs, row) -> new UnitItemSet(rubricVersionId, unitCode, rs.getString("unit_name"),
                        rs.getString("category"), rs.getBigDecimal("maximum"), List.of()))
                .optional()
                .map(unit -> new UnitItemSet(rubricVersionId, unitCode, unit.unitName(), unit.category(),
                        unit.maximum(), db.sql("""
                                select * from replica_unit_item where rubric_version_id = :version and unit_code = :unit
                                order by position
                                """)
                                .param("version", rubricVersionId).param("unit", unitCode)
                                .query((rs, row) -> item(rs)).list()));
    }

    private static UnitItem item(ResultSet rs) throws SQLException {
        return new UnitItem(rs.getString("item_code"), rs.getString("title"),
                read(rs.getString("path"), new TypeReference<List<String>>() { }),
                rs.getString("top_level_code"), rs.getString("top_level_title"), rs.getBigDecimal("points"),
                rs.getString("rule") == null ? null : read(rs.getString("rule"), new TypeReference<ScoringRule>() { }),
                strings(rs.getArray("assessing_departments")), rs.getString("deadline"),
                rs.getString("accepted_evidence"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String write(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("replica item JSON is unreadable: " + json, e);
        }
    }
}
