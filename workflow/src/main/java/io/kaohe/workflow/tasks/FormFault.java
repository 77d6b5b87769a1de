package io.kaohe.workflow.tasks;

/** A fault of a form found against its task's context: where, and a message key with its arguments. */
public record FormFault(String location, String code, Object... args) {
}
