package io.kaohe.scoring.surveys;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The only scoring endpoints open without a token: a ballot's form and the ballot itself, the one-time code in
 * the body (never in a path or query, so that no log or audit record holds it).
 */
@RestController
@Tag(name = "ballots", description = "民主测评投票（无需登录，凭一次性测评码） / anonymous ballots with one-time codes")
class BallotController {

    static final String FORM = "/api/scoring/ballots/form";
    static final String CAST = "/api/scoring/ballots";

    private final Ballots ballots;

    BallotController(Ballots ballots) {
        this.ballots = ballots;
    }

    /** Asks for the code only. */
    record CodeRequest(String code) {
    }

    @PostMapping(FORM)
    @Operation(summary = "The ballot's form for an unused code of an open survey (no login)",
            description = "403 scoring.ballot.code-refused for a code that is wrong or used; 409 when the survey "
                    + "is not open; 429 after too many refused codes from one address.")
    Ballots.Form form(@RequestBody CodeRequest request, HttpServletRequest http) {
        return ballots.form(request.code(), address(http), http.getRequestURI());
    }

    @PostMapping(CAST)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Cast a ballot (no login): the code is used up and the ratings stored without it",
            description = "400 lists faulty ratings (the code stays unused); 403 scoring.ballot.code-refused for a "
                    + "wrong or used code (a second ballot with the same code, even concurrent, is refused).")
    void cast(@RequestBody BallotRequest ballot, HttpServletRequest http) {
        ballots.cast(ballot, address(http), http.getRequestURI());
    }

    /** The caller's address as the gateway saw it (the last X-Forwarded-For hop it appended), else the peer's. */
    static String address(HttpServletRequest http) {
        String forwarded = http.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            return hops[hops.length - 1].strip();
        }
        return http.getRemoteAddr();
    }
}
