package io.kaohe.notification.notices;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A notification's words in one language: {@code notice.<KIND>.title} and {@code .body} of the messages
 * bundles (简体中文 by default, English), filled with what it is about: where (the cycle, the unit, the
 * period), the task, its due date, who returned it and why. The same words go to the notification
 * centre, emails and webhooks.
 */
@Component
public class Texts {

    private static final DateTimeFormatter ZH = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MessageSource messages;
    private final Cycles cycles;
    private final ZoneId zone;

    Texts(MessageSource messages, Cycles cycles, @Value("${kaohe.notifications.zone:Asia/Shanghai}") ZoneId zone) {
        this.messages = messages;
        this.cycles = cycles;
        this.zone = zone;
    }

    /** A title and a body. */
    public record Text(String title, String body) {
    }

    public Text render(Kind kind, Map<String, Object> params, String cycleId, String unitCode, Locale locale) {
        String due = text(params.get("due"));
        String dueAt = due == null ? "" : when(Instant.parse(due), locale);
        String returnedBy = text(params.get("returnedBy"));
        String rectificationKind = text(params.get("rectificationKind"));
        Object[] args = {
                where(cycleId, unitCode, text(params.get("period")), locale),
                taskLabel(text(params.get("taskType")), text(params.get("taskName")), locale),
                due == null ? "" : messages.getMessage("notice.due", new Object[] {dueAt}, locale),
                returnedBy == null ? "" : messages.getMessage("notice.returned-by", new Object[] {returnedBy}, locale),
                orNone(text(params.get("reason")), locale),
                dueAt,
                text(params.get("count")) == null ? "0" : text(params.get("count")),
                orNone(text(params.get("noticeTitle")), locale),
                rectificationKind == null ? "" : messages.getMessage("rectification.kind." + rectificationKind, null,
                        rectificationKind, locale),
                orNone(text(params.get("grade")), locale)};
        String key = "notice." + kind.name();
        return new Text(messages.getMessage(key + ".title", args, locale), messages.getMessage(key + ".body", args, locale));
    }

    /** The words of a message key (e.g. an email's footer). */
    public String word(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** An instant on the offices' clock, as people write it in that language. */
    public String when(Instant instant, Locale locale) {
        return (chinese(locale) ? ZH : EN).format(instant.atZone(zone));
    }

    /** "市纪委（监察局） · 第一季度" — or the cycle's title when the event is about the whole cycle. */
    private String where(String cycleId, String unitCode, String period, Locale locale) {
        StringBuilder where = new StringBuilder();
        if (unitCode != null) {
            where.append(cycleId == null ? unitCode : cycles.unitName(cycleId, unitCode).orElse(unitCode));
        } else if (cycleId != null) {
            where.append(cycles.title(cycleId).orElse(cycleId));
        }
        if (period != null) {
            if (where.length() > 0) {
                where.append(" · ");
            }
            where.append(messages.getMessage("period." + period, null, period, locale));
        }
        return where.toString();
    }

    /** The task's name in the language: the bundle's when known, else the model's "中文 / English" name's half. */
    private String taskLabel(String type, String modelName, Locale locale) {
        if (type == null) {
            return "";
        }
        String known = messages.getMessage("task." + type, null, null, locale);
        if (known != null) {
            return known;
        }
        if (modelName != null) {
            int slash = modelName.indexOf(" / ");
            if (slash > 0) {
                return chinese(locale) ? modelName.substring(0, slash).trim() : modelName.substring(slash + 3).trim();
            }
            return modelName;
        }
        return type;
    }

    private String orNone(String value, Locale locale) {
        return value == null || value.isBlank() ? messages.getMessage("notice.none", null, locale) : value;
    }

    private static boolean chinese(Locale locale) {
        return "zh".equals(locale.getLanguage());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
