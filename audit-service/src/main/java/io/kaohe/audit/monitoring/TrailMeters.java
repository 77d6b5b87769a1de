package io.kaohe.audit.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the operator's Prometheus watches on the trail (alert rules in deploy/observability): whether the
 * newest verification found the chain intact, how long ago the chain was last verified, how far the newest
 * record is behind the moment it happened (a lagging intake), and how many records are live. Read from the
 * database, so every replica reports the same values (rules take {@code max}).
 */
public class TrailMeters implements MeterBinder {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public TrailMeters(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("kaohe.audit.chain.intact", this, TrailMeters::intact)
                .description("1 when the newest verification found the audit chain intact, 0 when it found it broken "
                        + "(NaN before the first verification)")
                .register(registry);
        Gauge.builder("kaohe.audit.verification.age", this, TrailMeters::verificationAge)
                .description("seconds since the newest verification of the audit chain finished (NaN before the first)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("kaohe.audit.intake.delay", this, TrailMeters::intakeDelay)
                .description("seconds between when the newest audit record happened and when it was appended to the chain")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("kaohe.audit.records.live", this, TrailMeters::liveRecords)
                .description("audit records in the live table (older ones are archived)")
                .register(registry);
    }

    double intact() {
        List<Boolean> latest = jdbc.query("select intact from verification_run order by id desc limit 1",
                (rs, n) -> rs.getBoolean(1));
        return latest.isEmpty() ? Double.NaN : latest.get(0) ? 1 : 0;
    }

    double verificationAge() {
        Timestamp finished = jdbc.queryForObject("select max(finished_at) from verification_run", Timestamp.class);
        return finished == null ? Double.NaN : (clock.millis() - finished.getTime()) / 1000.0;
    }

    double intakeDelay() {
        List<Double> delay = jdbc.query("select extract(epoch from recorded_at - occurred_at) from audit_record "
                + "where source <> 'keycloak' order by seq desc limit 1", (rs, n) -> rs.getDouble(1));
        return delay.isEmpty() ? 0 : Math.max(0, delay.get(0));
    }

    double liveRecords() {
        // The planner's estimate would do for millions; an exact count stays cheap at a county's volume.
        Long count = jdbc.queryForObject("select count(*) from audit_record", Long.class);
        return count == null ? 0 : count;
    }
}
