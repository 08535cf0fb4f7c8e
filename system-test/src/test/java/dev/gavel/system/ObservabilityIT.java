package dev.gavel.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gavel.launcher.PlatformConfig;
import dev.gavel.launcher.ServiceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code deploy/k8s/observability} parse, and every metric
 * they name is one the running services expose at {@code /q/metrics} (with the {@code application} label they group
 * by): a renamed metric fails here, not silently on an operator's screen.
 */
@ExtendWith(GavelPlatformExtension.class)
class ObservabilityIT {

    private static final Path DIR = DeploymentManifestsTest.REPO.resolve("deploy/k8s/observability");
    private static final Pattern METRIC = Pattern.compile("\\b((?:gavel|http_server|kafka_consumer)_[a-z0-9_]+)");

    @Test
    void theDashboardAndTheAlertsNameOnlyMetricsTheServicesExpose() throws Exception {
        Set<String> exposed = exposedMetrics(GavelPlatformExtension.config());

        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DIR.resolve("grafana-dashboard.json")));
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(t -> expressions.add(t.get("expr").asText())));
        JsonNode rules = new YAMLMapper().readTree(Files.readString(DIR.resolve("prometheus-rules.yaml")));
        assertEquals("PrometheusRule", rules.get("kind").asText());
        rules.at("/spec/groups").forEach(group -> group.get("rules").forEach(rule -> {
            assertTrue(rule.hasNonNull("alert") && rule.hasNonNull("expr"), "an alert with an expression: " + rule);
            expressions.add(rule.get("expr").asText());
        }));
        assertTrue(expressions.size() >= 10, "the dashboard and the rules say something: " + expressions);

        Set<String> named = new TreeSet<>();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(exposed);
        assertTrue(missing.isEmpty(), "named but exposed by no service: " + missing);
    }

    /** The names of every sample the services expose, each with the application label. */
    static Set<String> exposedMetrics(PlatformConfig config) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Set<String> names = new TreeSet<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + config.port(spec.name()) + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (scrape.statusCode() != 200) {
                continue; // a service without metrics (no event flow): it is named by no panel either
            }
            scrape.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(line -> {
                assertTrue(line.contains("application=\"" + spec.name() + "\""), "labelled with its service: " + line);
                names.add(line.split("[{ ]", 2)[0]);
            });
        }
        return names;
    }
}
