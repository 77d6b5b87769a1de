package io.kaohe.notification.channels;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email through SMTP (Spring Mail): the local platform's GreenMail, the county's server in production.
 * Plain text in UTF-8, the subject and body in the person's language, the link to act on it, a footer
 * saying how to change what one receives.
 */
public class EmailChannel implements Channel {

    public static final String NAME = "EMAIL";

    private final JavaMailSender mail;
    private final String from;

    public EmailChannel(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(Message message) throws SendFailure {
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(message.address());
            helper.setSubject(message.subject());
            helper.setText(text(message), false);
            mail.send(mime);
        } catch (MessagingException | MailException e) {
            throw new SendFailure("SMTP: " + rootMessage(e), e);
        }
    }

    static String text(Message message) {
        StringBuilder text = new StringBuilder();
        if (message.items().size() == 1) {
            text.append(message.title()).append("\n\n").append(message.body()).append("\n\n").append(message.link());
        } else {
            text.append(message.body()).append("\n");
            int n = 1;
            for (Message.Item item : message.items()) {
                text.append('\n').append(n++).append(". ").append(item.title()).append('\n')
                        .append("   ").append(item.body()).append('\n').append("   ").append(item.link()).append('\n');
            }
        }
        return text.append("\n\n--\n").append(message.footer()).append('\n').toString();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
