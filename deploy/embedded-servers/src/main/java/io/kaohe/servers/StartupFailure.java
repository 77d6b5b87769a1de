package io.kaohe.servers;

import java.nio.file.Path;

/** A part of the platform did not come up; the message names the part and where its log is. */
public class StartupFailure extends RuntimeException {

    private final String part;
    private final Path logFile;

    public StartupFailure(String part, Path logFile, String reason) {
        this(part, logFile, reason, null);
    }

    public StartupFailure(String part, Path logFile, String reason, Throwable cause) {
        super(part + " failed to start: " + reason + (logFile == null ? "" : " (log: " + logFile + ")"), cause);
        this.part = part;
        this.logFile = logFile;
    }

    public String part() {
        return part;
    }

    public Path logFile() {
        return logFile;
    }
}
