package io.kaohe.evidence;

import io.kaohe.support.problems.ProblemException;
import java.util.Locale;
import org.springframework.context.support.ResourceBundleMessageSource;

/** A refusal's detail as the service's messages bundles word it, for unit tests without a Spring context. */
public final class Problems {

    private static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

    static {
        MESSAGES.setBasenames("messages");
        MESSAGES.setDefaultEncoding("UTF-8");
        MESSAGES.setFallbackToSystemLocale(false);
    }

    private Problems() {
    }

    public static String detail(ProblemException problem, Locale locale) {
        return MESSAGES.getMessage(problem.code(), problem.args(), locale);
    }
}
