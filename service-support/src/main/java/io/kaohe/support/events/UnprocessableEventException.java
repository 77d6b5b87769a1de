package io.kaohe.support.events;

/**
 * An event or command of ours, well formed, that can never apply here (e.g. a decision on an item
 * the unit is not assessed on). Retrying cannot help: it goes to the dead-letter topic at once,
 * this exception's message saying why.
 */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
