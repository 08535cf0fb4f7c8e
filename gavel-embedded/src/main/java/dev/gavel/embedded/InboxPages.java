package dev.gavel.embedded;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The mail catcher's two web pages: the inbox and one mail. Everything from a mail is escaped. */
final class InboxPages {

    private static final String STYLE = "<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}"
            + "table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #ddd}"
            + "iframe{width:100%;height:28rem;border:1px solid #ccc}pre{white-space:pre-wrap}</style>";

    private InboxPages() {
    }

    static byte[] list(List<MailCatcher.Message> messages) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"5\"><title>Gavel mail catcher</title>" + STYLE
                + "</head><body><h1>Gavel mail catcher</h1><p>Every mail the local services sent. JSON: "
                + "<code>/api/messages?to=&lt;email&gt;</code></p><table><tr><th>received</th><th>to</th>"
                + "<th>subject</th></tr>");
        for (MailCatcher.Message m : messages) {
            html.append("<tr><td>").append(escape(m.receivedAt().toString())).append("</td><td>")
                    .append(escape(String.join(", ", m.to()))).append("</td><td><a href=\"/messages/")
                    .append(escape(m.id())).append("\">").append(escape(m.subject())).append("</a></td></tr>");
        }
        if (messages.isEmpty()) {
            html.append("<tr><td colspan=\"3\">No mail yet.</td></tr>");
        }
        return html.append("</table></body></html>").toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] message(MailCatcher.Message m) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(m.subject())).append("</title>").append(STYLE).append("</head><body>")
                .append("<p><a href=\"/\">&larr; inbox</a></p><h1>").append(escape(m.subject())).append("</h1>")
                .append("<p>From ").append(escape(m.from())).append(" to ").append(escape(String.join(", ", m.to())))
                .append(" at ").append(escape(m.receivedAt().toString())).append("</p>");
        if (m.html() != null) {
            // no scripts; links open in a new tab or, on a click, in this one
            html.append("<iframe sandbox=\"allow-popups allow-popups-to-escape-sandbox "
                    + "allow-top-navigation-by-user-activation\" srcdoc=\"").append(escape(m.html())).append("\"></iframe>");
        }
        if (m.text() != null) {
            html.append("<h2>Plain text</h2><pre>").append(escape(m.text())).append("</pre>");
        }
        return html.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
