package dev.gavel.web.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** web-app's settings: the links of the API page ({@code gavel.web.api-docs}: {@code service=url,...}). */
@ApplicationScoped
public class WebConfig {

    public record Link(String service, String url) {
    }

    private final List<Link> links;

    public WebConfig(@ConfigProperty(name = "gavel.web.api-docs") Optional<String> apiDocs) {
        List<Link> parsed = new ArrayList<>();
        for (String entry : apiDocs.orElse("").split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0 && entry.substring(eq + 1).trim().matches("https?://[^\\s\"'<>]+")) {
                parsed.add(new Link(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim()));
            }
        }
        this.links = List.copyOf(parsed);
    }

    public List<Link> links() {
        return links;
    }
}
