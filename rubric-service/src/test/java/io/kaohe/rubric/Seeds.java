package io.kaohe.rubric;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.UnitTargets;
import io.kaohe.rubric.roster.RosterData;
import io.kaohe.rubric.roster.RosterView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The demo data files (seed conversions) for unit tests. */
public final class Seeds {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Seeds() {
    }

    public static RosterView roster() {
        RosterData data = read("demo/roster.json", RosterData.class);
        return new RosterView(data.categories(), data.departments(), data.units());
    }

    public static RubricSnapshot county() {
        return read("demo/luoyang-county-2018.json", RubricSnapshot.class);
    }

    public static RubricSnapshot municipal() {
        return read("demo/luoyang-municipal-2018.json", RubricSnapshot.class);
    }

    public static UnitTargets targets() {
        return read("demo/unit-targets-2015.json", UnitTargets.class);
    }

    public static <T> T read(String resource, Class<T> type) {
        try (InputStream in = Seeds.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
