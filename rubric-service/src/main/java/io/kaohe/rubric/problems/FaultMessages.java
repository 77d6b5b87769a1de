package io.kaohe.rubric.problems;

import io.kaohe.support.problems.ProblemError;
import io.kaohe.support.problems.ProblemException;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Puts faults into the caller's language (zh-CN unless the request asked for another we have). */
@Component
public class FaultMessages {

    private final MessageSource messages;

    FaultMessages(MessageSource messages) {
        this.messages = messages;
    }

    public List<ProblemError> localize(List<Fault> faults) {
        Locale locale = LocaleContextHolder.getLocale();
        return faults.stream()
                .map(f -> new ProblemError(f.location(), messages.getMessage(f.key(), f.args().toArray(), f.key(), locale)))
                .toList();
    }

    /** A refusal listing every fault; {@code code}'s message gets the number of faults as its argument. */
    public ProblemException reject(HttpStatus status, String code, List<Fault> faults) {
        return new ProblemException(status, code, localize(faults), faults.size());
    }
}
