package io.kaohe.support.problems;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;

/**
 * Puts faults into the caller's language (zh-CN unless the request asked for another we have) and
 * refuses them as one problem: the same shape in every service ({@code errors}: location and
 * message; {@code more}: how many were left out).
 */
public class FaultMessages {

    private final MessageSource messages;

    public FaultMessages(MessageSource messages) {
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

    /** A refusal listing the kept faults and counting the others; {@code code}'s message gets the total. */
    public ProblemException reject(HttpStatus status, String code, CappedFaults faults) {
        return ProblemException.listing(status, code, localize(faults.listed()), faults.more(), faults.count());
    }
}
