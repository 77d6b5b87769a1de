package io.kaohe.scoring.cycles;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.problems.ProblemException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A unit's items per published rubric version: from memory, else from this service's table,
 * else fetched once from the {@link UnitItemsSource} and stored. A published version never
 * changes, so nothing here is ever invalidated.
 */
@Component
public class UnitItemsCache {

    private static final Logger log = LoggerFactory.getLogger(UnitItemsCache.class);

    private final JdbcClient db;
    private final UnitItemsSource source;
    private final Map<String, Items> memory = new ConcurrentHashMap<>();

    UnitItemsCache(JdbcClient db, UnitItemsSource source) {
        this.db = db;
        this.source = source;
    }

    /** The items with an index by item code. */
    public record Items(UnitItems unitItems, Map<String, UnitItem> byCode) {
        static Items of(UnitItems unitItems) {
            Map<String, UnitItem> byCode = new java.util.LinkedHashMap<>();
            unitItems.items().forEach(item -> byCode.put(item.itemCode(), item));
            return new Items(unitItems, Map.copyOf(byCode));
        }

        public UnitItem item(String itemCode) {
            return byCode.get(itemCode);
        }
    }

    /**
     * @throws ProblemException 503 if the items are not cached and rubric-service cannot give them now
     */
    public Items get(String versionId, String unitCode) {
        String key = versionId + "\u0000" + unitCode;
        Items cached = memory.get(key);
        if (cached != null) {
            return cached;
        }
        Items items = db.sql("select body::text from unit_items where version_id = ? and unit_code = ?")
                .params(versionId, unitCode).query(String.class).optional()
                .map(json -> Items.of(read(json)))
                .orElseGet(() -> fetch(versionId, unitCode));
        memory.put(key, items);
        return items;
    }

    private Items fetch(String versionId, String unitCode) {
        UnitItems fetched;
        try {
            fetched = source.unitItems(versionId, unitCode);
        } catch (RuntimeException e) {
            log.warn("items of unit {} in rubric version {} unavailable: {}", unitCode, versionId, e.toString());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "scoring.items.unavailable", unitCode, versionId);
        }
        if (fetched == null) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "scoring.items.unavailable", unitCode, versionId);
        }
        try {
            db.sql("insert into unit_items (version_id, unit_code, body) values (?, ?, cast(? as jsonb)) "
                            + "on conflict do nothing")
                    .params(versionId, unitCode, EventJson.mapper().writeValueAsString(fetched)).update();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Items.of(fetched);
    }

    private static UnitItems read(String json) {
        try {
            return EventJson.mapper().readValue(json, UnitItems.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cached unit items are unreadable", e);
        }
    }
}
