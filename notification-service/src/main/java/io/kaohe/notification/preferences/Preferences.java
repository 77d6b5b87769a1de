package io.kaohe.notification.preferences;

import io.kaohe.notification.NotificationSettings;
import io.kaohe.contracts.InputLimits;
import io.kaohe.support.problems.Faults;
import java.net.URI;
import java.sql.Time;
import java.time.LocalTime;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The people's choices, and the check of a change (every fault located, nothing saved when any). */
@Service
public class Preferences {

    private final JdbcClient db;
    private final MessageSource messages;
    private final NotificationSettings settings;

    Preferences(JdbcClient db, MessageSource messages, NotificationSettings settings) {
        this.db = db;
        this.messages = messages;
        this.settings = settings;
    }

    @Transactional(readOnly = true)
    public Preference of(String username) {
        return db.sql("""
                select email_enabled, webhook_enabled, webhook_url, webhook_format, quiet_start, quiet_end, digest,
                       digest_at, language
                  from preference where username = ?
                """).param(username).query((rs, n) -> new Preference(rs.getBoolean("email_enabled"),
                rs.getBoolean("webhook_enabled"), rs.getString("webhook_url"),
                Preference.WebhookFormat.valueOf(rs.getString("webhook_format")), time(rs.getTime("quiet_start")),
                time(rs.getTime("quiet_end")), rs.getBoolean("digest"), time(rs.getTime("digest_at")),
                rs.getString("language"))).optional().orElseGet(Preference::defaults);
    }

    /** A webhook address: the URL limit browsers and proxies keep to (longer than a name, shorter than a text). */
    static final int URL_MAX = 2000;

    @Transactional
    public Preference save(String username, Preference p) {
        Faults faults = new Faults(messages);
        String url = p.webhookUrl() == null || p.webhookUrl().isBlank() ? null : p.webhookUrl().strip();
        if (p.webhookEnabled() && url == null) {
            faults.add("webhookUrl", "notification.preferences.webhook-url-required");
        }
        if (url != null && url.length() > URL_MAX) {
            faults.add("webhookUrl", "input.too-long", URL_MAX, url.length());
        } else if (url != null) {
            checkWebhook(url, faults);
        }
        if ((p.quietStart() == null) != (p.quietEnd() == null)) {
            faults.add(p.quietStart() == null ? "quietStart" : "quietEnd", "notification.preferences.quiet-hours-pair");
        }
        String language = p.language() == null ? Preference.ZH_CN : p.language();
        if (!language.equals(Preference.ZH_CN) && !language.equals("en")) {
            faults.add("language", "notification.preferences.language", InputLimits.excerpt(language));
        }
        faults.throwIfAny("notification.preferences.invalid");
        Preference saved = new Preference(p.emailEnabled(), p.webhookEnabled(), url,
                p.webhookFormat() == null ? Preference.WebhookFormat.GENERIC : p.webhookFormat(), p.quietStart(),
                p.quietEnd(), p.digest(), p.digestAt() == null ? LocalTime.of(8, 0) : p.digestAt(), language);
        db.sql("""
                insert into preference (username, email_enabled, webhook_enabled, webhook_url, webhook_format, quiet_start,
                                        quiet_end, digest, digest_at, language, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                on conflict (username) do update set email_enabled = excluded.email_enabled,
                    webhook_enabled = excluded.webhook_enabled, webhook_url = excluded.webhook_url,
                    webhook_format = excluded.webhook_format, quiet_start = excluded.quiet_start,
                    quiet_end = excluded.quiet_end, digest = excluded.digest, digest_at = excluded.digest_at,
                    language = excluded.language, updated_at = now()
                """).params(username, saved.emailEnabled(), saved.webhookEnabled(), saved.webhookUrl(),
                saved.webhookFormat().name(), sqlTime(saved.quietStart()), sqlTime(saved.quietEnd()), saved.digest(),
                sqlTime(saved.digestAt()), saved.language()).update();
        return saved;
    }

    /** A webhook goes only to an allowed host over http(s): a person cannot point the server at anything else. */
    private void checkWebhook(String url, Faults faults) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            faults.add("webhookUrl", "notification.preferences.webhook-url-invalid", InputLimits.excerpt(url));
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            faults.add("webhookUrl", "notification.preferences.webhook-url-invalid", InputLimits.excerpt(url));
            return;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean allowed = settings.webhook().allowedHosts().stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .anyMatch(h -> h.equals(host) || (h.startsWith("*.") && host.endsWith(h.substring(1))));
        if (!allowed) {
            faults.add("webhookUrl", "notification.preferences.webhook-host-not-allowed", host,
                    String.join(", ", settings.webhook().allowedHosts()));
        }
    }

    private static LocalTime time(Time time) {
        return time == null ? null : time.toLocalTime();
    }

    private static Time sqlTime(LocalTime time) {
        return time == null ? null : Time.valueOf(time);
    }
}
