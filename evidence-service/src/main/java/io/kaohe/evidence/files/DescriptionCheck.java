package io.kaohe.evidence.files;

import io.kaohe.evidence.cycles.CycleCalendar;
import io.kaohe.support.rubric.RubricReplica;
import io.kaohe.support.problems.Faults;
import io.kaohe.support.problems.ProblemException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks what an uploader says about a file before any byte is stored: a safe name, the dates (the
 * evidence not dated in the cycle's future), a cycle the unit takes part in, one of its periods,
 * and items the unit is assessed on. Every fault is located; a name of a refused kind is 415.
 */
@Component
class DescriptionCheck {

    private final CycleCalendar calendar;
    private final RubricReplica rubric;
    private final MessageSource messages;
    private final Clock clock;
    private final ZoneId zone;

    DescriptionCheck(CycleCalendar calendar, RubricReplica rubric, MessageSource messages, Clock clock,
                     @Value("${kaohe.evidence.zone:Asia/Shanghai}") ZoneId zone) {
        this.calendar = calendar;
        this.rubric = rubric;
        this.messages = messages;
        this.clock = clock;
        this.zone = zone;
    }

    Description.Checked check(String unitCode, Description d) {
        Faults faults = new Faults(messages);
        String nameProblem = FileNames.problem(d.fileName());
        if (nameProblem != null) {
            faults.add("name", nameProblem);
        }
        LocalDate evidenceDate = date(faults, "evidenceDate", d.evidenceDate(), true);
        LocalDate expiresOn = date(faults, "expiresOn", d.expiresOn(), false);
        if (evidenceDate != null && expiresOn != null && expiresOn.isBefore(evidenceDate)) {
            faults.add("expiresOn", "evidence.file.expires-before-date");
        }
        List<String> items = d.itemCodes() == null ? List.of() : List.copyOf(new LinkedHashSet<>(d.itemCodes()));
        boolean noCycle = d.cycleId() == null || d.cycleId().isBlank();
        Optional<CycleCalendar.CycleUnit> unit = noCycle ? Optional.empty() : calendar.unit(d.cycleId(), unitCode);
        // "Today" is the cycle's calendar day (a cycle whose year runs compressed is further on than the real
        // date) in the offices' time zone, not the server clock's UTC: at 17:00 UTC it is already tomorrow there.
        LocalDate today = unit.isPresent() ? calendar.today(d.cycleId(), clock, zone) : LocalDate.now(clock.withZone(zone));
        if (evidenceDate != null && evidenceDate.isAfter(today)) {
            faults.add("evidenceDate", "evidence.file.date-in-future");
        }
        if (noCycle) {
            faults.add("cycleId", "evidence.field.required");
        } else if (unit.isEmpty()) {
            faults.add("cycleId", "evidence.cycle.unit-not-in-cycle", unitCode, d.cycleId());
        } else {
            if (d.period() != null && !d.period().isBlank() && calendar.period(d.cycleId(), d.period()).isEmpty()) {
                faults.add("period", "evidence.cycle.no-period", d.cycleId(), d.period());
            }
            if (!items.isEmpty()) {
                Set<String> known = rubric.items(unit.get().rubricVersionId(), unitCode).byCode().keySet();
                for (String item : items) {
                    if (!known.contains(item)) {
                        faults.add("item[" + item + "]", "evidence.item.unknown", item, unitCode);
                    }
                }
            }
        }
        faults.throwIfAny();
        if (EvidenceType.nameClaimsRefusedKind(d.fileName())) {
            throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "evidence.file.name-refused", d.fileName());
        }
        String period = d.period() == null || d.period().isBlank() ? null : d.period();
        return new Description.Checked(d.cycleId(), period, items, d.fileName().strip(), evidenceDate, expiresOn);
    }

    private static LocalDate date(Faults faults, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                faults.add(field, "evidence.field.required");
            }
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            faults.add(field, "evidence.field.date", value);
            return null;
        }
    }
}
