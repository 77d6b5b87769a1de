package io.kaohe.support.deadletters;

import io.kaohe.support.security.CurrentUser;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's view of this service's dead letters: list them with the reason, read one, replay
 * one once its cause is fixed. Office admins only (PlatformSecurity); refusals are audited.
 */
@RestController
@RequestMapping("${kaohe.api.base-path}/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    List<DeadLetter> list(@RequestParam(required = false) DeadLetterStatus status) {
        return deadLetters.list(status);
    }

    @GetMapping("/{id}")
    DeadLetter one(@PathVariable long id) {
        return deadLetters.find(id);
    }

    /** Sends the letter again to the consumer group that parked it; a letter already replayed is left as it is. */
    @PostMapping("/{id}/replay")
    DeadLetter replay(@PathVariable long id) {
        return deadLetters.replay(id, CurrentUser.get().username());
    }
}
