package io.kaohe.evidence.cycles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.problems.ProblemException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * The items each unit is assessed on per rubric version, fetched once from {@link UnitItemsSource}
 * and kept: a published version never changes, so the copy never goes stale.
 */
@Component
public class UnitItemsCatalog {

    private static final Logger log = LoggerFactory.getLogger(UnitItemsCatalog.class);
    private static final ObjectMapper JSON = EventJson.mapper();

    private final JdbcClient db;
    private final UnitItemsSource source;
    private final TransactionTemplate transaction;

    UnitItemsCatalog(JdbcClient db, UnitItemsSource source, TransactionTemplate transaction) {
        this.db = db;
        this.source = source;
        this.transaction = transaction;
    }

    /** The unit's items in the version, in rubric order; fetched from the source the first time. */
    public List<UnitItem> items(String rubricVersionId, String unitCode) {
        ensureKnown(rubricVersionId, unitCode);
        return db.sql("""
                select * from unit_item where rubric_version_id = :version and unit_code = :unit order by position
                """)
                .param("version", rubricVersionId).param("unit", unitCode)
                .query((rs, row) -> item(rs))
                .list();
    }

    /** Makes sure the unit's items of the version are kept here (a call to the source at most once). */
    public void ensureKnown(String rubricVersionId, String unitCode) {
        boolean known = db.sql("select count(*) from unit_item_set where rubric_version_id = :version and unit_code = :unit")
                .param("version", rubricVersionId).param("unit", unitCode).query(Integer.class).single() > 0;
        if (known) {
            return;
        }
        UnitItems fetched = fetch(rubricVersionId, unitCode);
        transaction.executeWithoutResult(tx -> keep(rubricVersionId, unitCode, fetched));
    }

    private UnitItems fetch(String rubricVersionId, String unitCode) {
        try {
            UnitItems items = source.unitItems(rubricVersionId, unitCode);
            if (items == null) {
                throw new ProblemException(HttpStatus.CONFLICT, "evidence.rubric.no-items", unitCode, rubricVersionId);
            }
            return items;
        } catch (HttpClientErrorException.NotFound e) {
            throw new ProblemException(HttpStatus.CONFLICT, "evidence.rubric.no-items", unitCode, rubricVersionId);
        } catch (RestClientException e) {
            log.warn("rubric-service could not give the items of {} in {}: {}", unitCode, rubricVersionId, e.getMessage());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "evidence.rubric.unavailable");
        }
    }

    private void keep(String rubricVersionId, String unitCode, UnitItems fetched) {
        int inserted = db.sql("""
                insert into unit_item_set (rubric_version_id, unit_code, unit_name, category, maximum)
                values (:version, :unit, :name, :category, :maximum)
                on conflict do nothing
                """)
                .param("version", rubricVersionId).param("unit", unitCode).param("name", fetched.unitName())
                .param("category", fetched.category())
                .param("maximum", fetched.maximum() != null ? fetched.maximum()
                        : fetched.items().stream().map(UnitItem::points).reduce(java.math.BigDecimal.ZERO,
                                java.math.BigDecimal::add))
                .update();
        if (inserted == 0) {
            return; // fetched concurrently by another request: theirs is the same published version
        }
        int position = 0;
        for (UnitItem item : fetched.items()) {
            db.sql("""
                    insert into unit_item (rubric_version_id, unit_code, item_code, position, title, path, top_level_code,
                                           top_level_title, points, rule, assessing_departments, deadline, accepted_evidence)
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

    static UnitItem item(ResultSet rs) throws SQLException {
        return new UnitItem(rs.getString("item_code"), rs.getString("title"),
                read(rs.getString("path"), new TypeReference<List<String>>() { }),
                rs.getString("top_level_code"), rs.getString("top_level_title"), rs.getBigDecimal("points"),
                rs.getString("rule") == null ? null : read(rs.getString("rule"), new TypeReference<ScoringRule>() { }),
                strings(rs.getArray("assessing_departments")), rs.getString("deadline"),
                rs.getString("accepted_evidence"));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored item JSON is unreadable: " + json, e);
        }
    }
}
