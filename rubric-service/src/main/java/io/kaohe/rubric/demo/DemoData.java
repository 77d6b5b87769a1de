package io.kaohe.rubric.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.UnitTargets;
import io.kaohe.rubric.roster.Roster;
import io.kaohe.rubric.roster.RosterData;
import io.kaohe.rubric.versions.RubricVersion;
import io.kaohe.rubric.versions.RubricVersions;
import io.kaohe.rubric.versions.VersionContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The demo data (kaohe.demo-data=true, as the local platform runs): the roster, seed 004's two
 * systems as drafts and seed 001's per-unit targets, published so a demo cycle can run on them.
 * Loading is idempotent: what is there already is left alone.
 *
 * <p>The 2018 systems do not add up in places because their source does not; for each such node
 * that a conversion note of the file names, the acknowledgement is recorded (by {@value #ACTOR},
 * in the version's history), and the office decides whether to publish.
 */
@Component
@ConditionalOnProperty(name = "kaohe.demo-data", havingValue = "true")
class DemoData implements ApplicationRunner {

    static final String ACTOR = "demo-data";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final Roster roster;
    private final RubricVersions versions;
    private final ObjectMapper json;

    DemoData(Roster roster, RubricVersions versions, ObjectMapper json) {
        this.roster = roster;
        this.versions = versions;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        int added = roster.load(read("demo/roster.json", RosterData.class), ACTOR);
        log.info("demo roster: {} entries added", added);
        for (String system : List.of("demo/luoyang-county-2018.json", "demo/luoyang-municipal-2018.json")) {
            RubricSnapshot snapshot = read(system, RubricSnapshot.class);
            if (versions.latest(snapshot.code()).isEmpty()) {
                RubricVersion draft = versions.createDraft(VersionContent.of(snapshot), ACTOR, system);
                acknowledgeDocumentedMismatches(draft, snapshot.conversionNotes());
                log.info("demo system {} loaded as draft {}", snapshot.code(), draft.id());
            }
        }
        UnitTargets targets = read("demo/unit-targets-2015.json", UnitTargets.class);
        if (versions.latest(targets.code()).isEmpty()) {
            RubricVersion draft = versions.createDraft(VersionContent.of(targets), ACTOR, "demo/unit-targets-2015.json");
            RubricVersions.Validation validation = versions.validate(draft.id());
            if (validation.valid()) {
                versions.publish(draft.id(), ACTOR);
                log.info("demo targets {} published as {}", targets.code(), draft.id());
            } else {
                log.warn("demo targets {} left as draft {}: {}", targets.code(), draft.id(), validation.errors());
            }
        }
    }

    private void acknowledgeDocumentedMismatches(RubricVersion draft, List<String> notes) {
        RubricVersions.Validation validation = versions.validate(draft.id());
        for (var error : validation.errors()) {
            String code = error.location().split(" ", 2)[0];
            for (int i = 0; i < notes.size(); i++) {
                try {
                    versions.acknowledge(draft.id(), code, i, ACTOR);
                    break;
                } catch (io.kaohe.support.problems.ProblemException notThisOne) {
                    // not a mismatch, or this note does not name it: try the next note
                    if ("rubric.acknowledgement.no-mismatch".equals(notThisOne.code())) {
                        break;
                    }
                }
            }
        }
    }

    private <T> T read(String resource, Class<T> type) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing demo resource " + resource);
            }
            return json.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
