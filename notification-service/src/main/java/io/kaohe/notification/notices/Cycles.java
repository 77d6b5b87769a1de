package io.kaohe.notification.notices;

import io.kaohe.contracts.events.CycleOpened;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The cycles as workflow opened them: their titles and units' names for the texts, their units for a publication. */
@Component
public class Cycles {

    private final JdbcClient db;

    Cycles(JdbcClient db) {
        this.db = db;
    }

    /** Records an opened cycle; a second delivery of the same cycle changes nothing. */
    public void record(CycleOpened opened) {
        db.sql("insert into cycle (cycle_id, title) values (?, ?) on conflict do nothing")
                .params(opened.cycleId(), opened.title()).update();
        for (CycleOpened.Unit unit : opened.units()) {
            db.sql("insert into cycle_unit (cycle_id, unit_code, unit_name) values (?, ?, ?) on conflict do nothing")
                    .params(opened.cycleId(), unit.unitCode(), unit.unitName()).update();
        }
    }

    public List<String> units(String cycleId) {
        return db.sql("select unit_code from cycle_unit where cycle_id = ? order by unit_code").param(cycleId)
                .query(String.class).list();
    }

    public Optional<String> title(String cycleId) {
        return db.sql("select title from cycle where cycle_id = ?").param(cycleId).query(String.class).optional();
    }

    public Optional<String> unitName(String cycleId, String unitCode) {
        return db.sql("select unit_name from cycle_unit where cycle_id = ? and unit_code = ? and unit_name is not null")
                .params(cycleId, unitCode).query(String.class).optional();
    }
}
