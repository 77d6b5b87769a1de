package io.kaohe.support.events;

/** A message that is not an event of ours; retrying cannot help, so it goes to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
