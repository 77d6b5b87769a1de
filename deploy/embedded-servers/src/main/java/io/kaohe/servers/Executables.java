package io.kaohe.servers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the operating system's own programs (Debian packages) the platform runs: nginx, redis-server. */
public final class Executables {

    private Executables() {
    }

    /** The program's path, from the PATH or Debian's usual places; fails naming the package to install. */
    static String find(String program, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        List<String> dirs = new java.util.ArrayList<>(List.of(path.split(java.io.File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"));
        for (String dir : dirs) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program).toString();
            }
        }
        throw new StartupFailure(program, null, program + " is not installed: run deploy/bin/ensure-packages (Debian package "
                + debianPackage + ")");
    }

    /** True when the program is found where {@link #find} looks. */
    public static boolean installed(String program) {
        try {
            find(program, program);
            return true;
        } catch (StartupFailure e) {
            return false;
        }
    }
}
