package io.kaohe.deploy;

import io.kaohe.servers.Executables;
import io.kaohe.servers.StartupFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Debian programs HA mode runs (nginx, redis-server): when one is missing, the project's own
 * deploy/bin/ensure-packages installs it (as root, with apt-get) or says what to install.
 */
final class OsPackages {

    private OsPackages() {
    }

    static void ensure(Path root, List<String> programs) {
        if (programs.stream().allMatch(Executables::installed)) {
            return;
        }
        Path script = root.resolve("deploy/bin/ensure-packages");
        try {
            Process install = new ProcessBuilder(script.toString()).inheritIO().start();
            if (!install.waitFor(15, TimeUnit.MINUTES) || install.exitValue() != 0) {
                throw new StartupFailure("packages", null, script + " could not install " + programs);
            }
        } catch (IOException e) {
            throw new StartupFailure("packages", null, "could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("packages", null, "interrupted while installing " + programs);
        }
    }
}
