package dev.gavel.testkit;

import dev.gavel.embedded.MailCatcher;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A real SMTP server that keeps every mail (the ./run mail catcher); the service under test sends to it. */
public class MailCatcherResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String inboxUrl;
    private static volatile MailCatcher running;
    private MailCatcher catcher;

    @Override
    public Map<String, String> start() {
        catcher = MailCatcher.start(0, 0);
        inboxUrl = catcher.inboxUrl();
        running = catcher;
        return Map.of("quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(catcher.smtpPort()),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.tls", "false");
    }

    /** The running catcher's web inbox and JSON API (for {@link Mailbox}). */
    public static String inboxUrl() {
        return inboxUrl;
    }

    /** The running catcher (to take its SMTP server down and up again). */
    public static MailCatcher catcher() {
        return running;
    }

    @Override
    public void stop() {
        if (catcher != null) {
            catcher.close();
        }
    }
}
