package io.kaohe.notification.channels;

/**
 * A way to tell a person outside the portal: email, a generic webhook, a group robot; an SMS provider
 * (阿里云短信, 腾讯云短信) would be one more (docs/notifications.md). A send either returns (the provider
 * accepted the message) or throws {@link SendFailure} saying why; the delivery then retries with
 * back-off. Implementations hold no state between sends.
 */
public interface Channel {

    /** The name deliveries record: {@code EMAIL}, {@code WEBHOOK}, {@code WECOM_ROBOT} … */
    String name();

    void send(Message message) throws SendFailure;

    /** Why a send did not go through, in words for the delivery log. */
    class SendFailure extends Exception {

        public SendFailure(String reason, Throwable cause) {
            super(reason, cause);
        }

        public SendFailure(String reason) {
            super(reason);
        }
    }
}
