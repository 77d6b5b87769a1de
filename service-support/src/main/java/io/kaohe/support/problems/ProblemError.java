package io.kaohe.support.problems;

/**
 * One fault in the input: where (a field, a node path, or "sheet!row:column") and what, already
 * in the caller's language.
 */
public record ProblemError(String location, String message) {
}
