package io.kaohe.support.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler whose calls enter the audit trail although they change nothing: exports and
 * downloads of results, score sheets, 通报 documents and evidence (every write is audited anyway).
 * On a write it names the domain verb and object the record should carry.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

    /** The domain verb: {@code export}, {@code download}, {@code publish} … */
    String action();

    /** The kind of object the route's last path variable names ({@code cycle}, {@code evidence}); derived when empty. */
    String object() default "";
}
