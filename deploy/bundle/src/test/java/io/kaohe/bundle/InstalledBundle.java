package io.kaohe.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The release bundle unpacked into a fresh folder as the install guide says, configured through conf/kaohe.env. */
final class InstalledBundle {

    static final List<String> APPS = List.of("gateway", "rubric-service", "evidence-service", "scoring-service", "workflow",
            "notification-service", "audit-service");

    private final Path home;

    private InstalledBundle(Path home) {
        this.home = home;
    }

    /** tar xzf kaohe-VERSION.tar.gz, as INSTALL.en.md does it. */
    static InstalledBundle unpack(Path tarball, Path into) throws IOException {
        Files.createDirectories(into);
        Commands.Result untar = Commands.run(into, Map.of(), Duration.ofMinutes(2),
                List.of("tar", "xzf", tarball.toString()));
        assertThat(untar.exitCode()).as("tar: " + untar.output()).isZero();
        try (var entries = Files.list(into)) {
            Path home = entries.filter(p -> p.getFileName().toString().startsWith("kaohe-")).findFirst().orElseThrow();
            return new InstalledBundle(home);
        }
    }

    Path home() {
        return home;
    }

    Path env() {
        return home.resolve("conf/kaohe.env");
    }

    /** Sets KEY=value in conf/kaohe.env where the template has that key (commented out or not). */
    void configure(Map<String, String> settings) throws IOException {
        configure(env(), settings);
    }

    /** The same on another copy of kaohe.env (KAOHE_ENV names it). */
    void configure(Path file, Map<String, String> settings) throws IOException {
        String text = Files.readString(file);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            Matcher line = Pattern.compile("(?m)^#? ?" + Pattern.quote(setting.getKey()) + "=.*$").matcher(text);
            assertThat(line.find()).as("kaohe.env has " + setting.getKey()).isTrue();
            text = line.replaceFirst(Matcher.quoteReplacement(setting.getKey() + "=" + setting.getValue()));
        }
        Files.writeString(file, text);
    }

    /** bin/kaohe COMMAND..., as an operator runs it. */
    Commands.Result kaohe(Map<String, String> environment, Duration timeout, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/kaohe").toString()));
        command.addAll(List.of(arguments));
        return Commands.run(home, environment, timeout, command);
    }

    /** Every process still running from this installation (its jars). */
    List<ProcessHandle> processes() {
        String lib = home.resolve("lib").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(lib)).orElse(false))
                .toList();
    }
}
