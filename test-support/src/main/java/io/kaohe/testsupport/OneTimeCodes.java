package io.kaohe.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * The one-time codes of the realm's demo users that have an authenticator (office, leader and the
 * three administrators; their base32 secrets are in the realm file and the README). Keycloak takes
 * each code once (the realm does not allow a code to be reused), and accepts the code of the
 * previous, the current and the next 30-second step: this hands out each of those once per user
 * and waits for the next step when all three are spent. Once per JVM, or, when the environment
 * names a directory in {@value #SPENT_DIR_VARIABLE}, once across every process that claims its
 * codes there (the browser journeys' {@code otp.mjs} does): a claim is a file only one can create.
 */
public final class OneTimeCodes {

    /** The directory shared with the other processes logging in to the same Keycloak. */
    public static final String SPENT_DIR_VARIABLE = "KAOHE_OTP_SPENT_DIR";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Set<Long>> SPENT = new HashMap<>();
    private static Map<String, String> secrets;

    private OneTimeCodes() {
    }

    /** The user's base32 TOTP secret as the realm file gives it, if the user has an authenticator there. */
    public static synchronized Optional<String> secretOf(String username) {
        if (secrets == null) {
            secrets = secretsIn(TestServers.realmFile());
        }
        return Optional.ofNullable(secrets.get(username));
    }

    /** A code for the demo user that no earlier call in this JVM handed out. */
    public static String next(String username) {
        String secret = secretOf(username)
                .orElseThrow(() -> new IllegalArgumentException(username + " has no authenticator in the realm"));
        Totp totp = Totp.ofBase32(secret);
        String shared = System.getenv(SPENT_DIR_VARIABLE);
        Set<Long> spent;
        synchronized (SPENT) {
            spent = SPENT.computeIfAbsent(username, u -> new HashSet<>());
        }
        LongPredicate claim = shared == null || shared.isBlank()
                ? spent::add
                : step -> spent.add(step) && claimFile(Path.of(shared), username, step);
        synchronized (spent) {
            while (true) {
                Instant now = Instant.now();
                spent.removeIf(s -> s < Totp.step(now) - 2);
                Optional<String> code = unspent(totp, claim, now);
                if (code.isPresent()) {
                    return code.get();
                }
                sleep(Duration.ofSeconds((Totp.step(now) + 1) * Totp.STEP_SECONDS - now.getEpochSecond() + 1));
            }
        }
    }

    /** True for the one process that creates the user's step file first. */
    static boolean claimFile(Path dir, String username, long step) {
        try {
            Files.createDirectories(dir);
            Files.createFile(dir.resolve(username + "-" + step));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim a one-time code in " + dir, e);
        }
    }

    /**
     * The current step's code first, then the next step's (still good when the server's clock moves
     * on), then the previous step's while it has a good while left; empty when all are spent.
     */
    static Optional<String> unspent(Totp totp, LongPredicate claim, Instant now) {
        long step = Totp.step(now);
        long intoStep = now.getEpochSecond() - step * Totp.STEP_SECONDS;
        long[] candidates = intoStep < 20 ? new long[] {step, step + 1, step - 1} : new long[] {step, step + 1};
        for (long candidate : candidates) {
            if (claim.test(candidate)) {
                return Optional.of(totp.code(candidate));
            }
        }
        return Optional.empty();
    }

    static Map<String, String> secretsIn(Path realmFile) {
        try {
            Map<String, String> found = new HashMap<>();
            for (JsonNode user : JSON.readTree(realmFile.toFile()).path("users")) {
                for (JsonNode credential : user.path("credentials")) {
                    if ("otp".equals(credential.path("type").asText())) {
                        found.put(user.path("username").asText(),
                                JSON.readTree(credential.path("secretData").asText()).path("value").asText());
                    }
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + realmFile, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next one-time code", e);
        }
    }
}
