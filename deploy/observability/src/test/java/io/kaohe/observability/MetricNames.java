package io.kaohe.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names the applications expose (metrics.txt), and the ones a PromQL expression selects. */
final class MetricNames {

    static final Path HOME = Path.of(System.getProperty("kaohe.observability", ".")).toAbsolutePath();

    /** A series selector: a metric name directly followed by its label matchers. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    private MetricNames() {
    }

    static Set<String> known() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (String line : Files.readAllLines(HOME.resolve("metrics.txt"))) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name.split("\\s+")[0]);
            }
        }
        return names;
    }

    static Set<String> selectedBy(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = SELECTOR.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
