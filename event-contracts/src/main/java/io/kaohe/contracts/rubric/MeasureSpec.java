package io.kaohe.contracts.rubric;

/**
 * One value a rule needs measured, enough to generate a form field and its validator.
 *
 * @param name  key of the value in the measurements, e.g. {@code "incidents"}
 * @param kind  what kind of value is accepted
 * @param label Chinese label shown to the assessor, e.g. {@code "发生起数"}
 */
public record MeasureSpec(String name, MeasureKind kind, String label) {
}
