package dev.gavel.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gavel.events.Topics;
import dev.gavel.launcher.ServiceSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The deployment artefacts cannot be started here (no container engine, no cluster), so this test reads them: the
 * Kustomize overlays render with {@code kubectl kustomize}, and the rendered objects, docker-compose.yml, the compose
 * gateway and ./run's gateway all keep the invariants of the platform.
 */
class DeploymentManifestsTest {

    /**
     * The services that use the client's address (login throttling, the per-address WebSocket cap, the shill signals'
     * listing and bid addresses): only they trust X-Forwarded-For, and only from the gateway or ingress controller.
     */
    static final java.util.Set<String> USES_CLIENT_ADDRESS =
            java.util.Set.of("user-service", "notification-gateway", "auction-service", "bidding-service");


    static final Path REPO = Path.of(System.getProperty("gavel.repository", "..")).toAbsolutePath().normalize();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Map<String, String> ROUTES = routes();

    static List<JsonNode> dev;
    static List<JsonNode> prod;
    static JsonNode compose;

    @BeforeAll
    static void render() throws Exception {
        dev = kustomize("deploy/k8s/overlays/dev");
        prod = kustomize("deploy/k8s/overlays/prod");
        compose = YAML.readTree(REPO.resolve("docker-compose.yml").toFile());
    }

    @Test
    void everyServiceIsDeployedWithProbesPortsResourcesAndAHardenedContainer() throws IOException {
        for (List<JsonNode> overlay : List.of(dev, prod)) {
            for (ServiceSpec spec : ServiceSpec.ALL) {
                String app = spec.name();
                int port = httpPort(app);
                JsonNode deployment = one(overlay, "Deployment", app);
                assertEquals(app, deployment.at("/spec/template/metadata/labels/app").asText());
                JsonNode container = deployment.at("/spec/template/spec/containers/0");
                assertTrue(container.get("image").asText().matches("(.*/)?" + app + ":.+"), "image named after " + app);
                assertEquals(port, container.at("/ports/0/containerPort").asInt(), app + " port = quarkus.http.port");
                assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText(), app);
                assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), app);
                assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), app);
                for (String r : List.of("requests", "limits")) {
                    assertFalse(container.at("/resources/" + r + "/memory").isMissingNode(), app + " " + r);
                    assertFalse(container.at("/resources/" + r + "/cpu").isMissingNode(), app + " " + r);
                }
                assertTrue(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean(), app);
                assertFalse(deployment.at("/spec/template/spec/automountServiceAccountToken").asBoolean(true),
                        app + ": no service-account token in the pod");
                assertEquals(USES_CLIENT_ADDRESS.contains(app),
                        !one(overlay, "ConfigMap", app + "-config").at("/data/GAVEL_TRUSTED_PROXIES").isMissingNode(),
                        app + ": X-Forwarded-For trusted from the ingress controller only, where it is used");
                assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), app);
                assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true), app);
                List<String> envFrom = new ArrayList<>();
                container.get("envFrom").forEach(e -> envFrom.add(e.at("/configMapRef/name").asText(e.at("/secretRef/name").asText())));
                // web-app (the pages, at "/") holds no secret: no database, no token to verify
                boolean pages = spec.pathPrefixes().equals(List.of("/"));
                assertTrue(envFrom.contains(app + "-config") && (pages || envFrom.contains(app + "-config-creds")),
                        app + " " + envFrom);
                one(overlay, "ConfigMap", app + "-config");
                JsonNode service = one(overlay, "Service", app);
                assertEquals(port, service.at("/spec/ports/0/port").asInt(), app + " Service port");
                one(overlay, "PodDisruptionBudget", app);
                one(overlay, "NetworkPolicy", app + "-ingress");
            }
            one(overlay, "HorizontalPodAutoscaler", "bidding-service");
            one(overlay, "HorizontalPodAutoscaler", "notification-gateway");
            one(overlay, "PersistentVolumeClaim", "media-service-storage");
            one(overlay, "NetworkPolicy", "default-deny-ingress");
            networkPoliciesLetThroughOnlyWhatMustTalk(overlay);
        }
    }

    /** Egress is denied but for DNS, PostgreSQL, Kafka and the two reads; PostgreSQL and Kafka accept the services. */
    static void networkPoliciesLetThroughOnlyWhatMustTalk(List<JsonNode> overlay) {
        JsonNode denyEgress = one(overlay, "NetworkPolicy", "gavel-default-deny-egress");
        assertTrue(denyEgress.at("/spec/policyTypes").toString().contains("Egress"));
        Set<String> apps = new HashSet<>();
        denyEgress.at("/spec/podSelector/matchExpressions/0/values").forEach(v -> apps.add(v.asText()));
        ServiceSpec.ALL.forEach(spec -> assertTrue(apps.contains(spec.name()), spec.name() + " egress denied by default"));
        assertTrue(denyEgress.at("/spec/egress/0/ports").toString().contains("53"), "DNS allowed");
        assertEquals("gavel-db", one(overlay, "NetworkPolicy", "gavel-egress-postgres")
                .at("/spec/egress/0/to/0/podSelector/matchLabels/cnpg.io~1cluster").asText());
        assertEquals("gavel-kafka", one(overlay, "NetworkPolicy", "gavel-egress-kafka")
                .at("/spec/egress/0/to/0/podSelector/matchLabels/strimzi.io~1cluster").asText());
        assertEquals(5432, one(overlay, "NetworkPolicy", "postgres-ingress").at("/spec/ingress/0/ports/0/port").asInt());
        assertEquals(9093, one(overlay, "NetworkPolicy", "kafka-ingress").at("/spec/ingress/0/ports/0/port").asInt(),
                "the TLS listener, the only one");
    }

    @Test
    void oneRoutingTableForTheIngressTheComposeGatewayAndRun() throws IOException {
        assertEquals(ROUTES, ServiceSpec.ROUTES, "./run's gateway routes by deploy/routes.properties");
        assertTrue(ROUTES.keySet().containsAll(List.of("/api/auth", "/api/users", "/.well-known/jwks.json",
                "/api/auctions", "/api/categories", "/api/watchlist", "/api/bids", "/api/media", "/ws")), "CONTRACT §1");
        for (List<JsonNode> overlay : List.of(dev, prod)) {
            JsonNode ingress = one(overlay, "Ingress", "gavel");
            Map<String, String> ingressRoutes = new TreeMap<>();
            for (JsonNode path : ingress.at("/spec/rules/0/http/paths")) {
                String service = path.at("/backend/service/name").asText();
                assertEquals(httpPort(service), path.at("/backend/service/port/number").asInt(), path.toString());
                ingressRoutes.put(path.get("path").asText(), service);
            }
            assertEquals(new TreeMap<>(ROUTES), ingressRoutes, "Ingress routes");
            assertTrue(Integer.parseInt(ingress.at("/metadata/annotations").get("nginx.ingress.kubernetes.io/proxy-read-timeout").asText()) >= 3600,
                    "WebSocket-friendly timeouts");
        }
        String nginx = Files.readString(REPO.resolve("deploy/compose/nginx.conf"));
        Map<String, String> composeRoutes = new TreeMap<>();
        Matcher location = Pattern.compile("location (= )?(/\\S*?)/? \\{\\s*proxy_pass http://([a-z-]+):(\\d+);").matcher(nginx);
        while (location.find()) {
            assertEquals(httpPort(location.group(3)), Integer.parseInt(location.group(4)), location.group());
            composeRoutes.put(location.group(2), location.group(3));
        }
        assertEquals(new TreeMap<>(ROUTES), composeRoutes, "compose gateway routes");
        Matcher ws = Pattern.compile("location /ws/ \\{([^}]*)}").matcher(nginx);
        assertTrue(ws.find() && ws.group(1).contains("Upgrade $http_upgrade"), "WebSocket upgrade on /ws");
        assertTrue(ws.group(1).contains("X-Forwarded-For $remote_addr"), "the /ws location sets the client address too");
        assertTrue(nginx.contains("proxy_set_header X-Forwarded-For $remote_addr;")
                && !nginx.contains("$proxy_add_x_forwarded_for"), "the edge overwrites X-Forwarded-For");
        assertTrue(nginx.contains("$request_uri ~*") && nginx.contains("return 400"), "non-normal paths refused");
        assertTrue(nginx.contains("Strict-Transport-Security"), "HSTS");
    }

    @Test
    void prodRunsTwoOrMoreReplicasWithTlsAndDevOne() {
        for (ServiceSpec spec : ServiceSpec.ALL) {
            assertTrue(one(prod, "Deployment", spec.name()).at("/spec/replicas").asInt() >= 2, spec.name());
            assertEquals(1, one(dev, "Deployment", spec.name()).at("/spec/replicas").asInt(), spec.name());
        }
        assertTrue(one(prod, "HorizontalPodAutoscaler", "bidding-service").at("/spec/minReplicas").asInt() >= 2);
        for (String name : List.of("gavel", "gavel-personal-feed")) {
            JsonNode ingress = one(prod, "Ingress", name);
            assertFalse(ingress.at("/spec/tls/0/secretName").isMissingNode(), "TLS in prod: " + name);
            assertEquals("true", ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1force-ssl-redirect")
                    .asText(), "HTTPS only (HSTS comes with TLS): " + name);
        }
    }

    /** A token in a WebSocket URL's query never reaches an access log: not at the Ingress, not at compose's nginx. */
    @Test
    void accessTokensInQueriesStayOutOfAccessLogs() throws IOException {
        for (List<JsonNode> overlay : List.of(dev, prod)) {
            JsonNode feed = one(overlay, "Ingress", "gavel-personal-feed");
            assertEquals("false", feed.at("/metadata/annotations/nginx.ingress.kubernetes.io~1enable-access-log").asText());
            assertEquals("/ws/notifications", feed.at("/spec/rules/0/http/paths/0/path").asText());
            assertEquals("notification-gateway", feed.at("/spec/rules/0/http/paths/0/backend/service/name").asText());
        }
        String nginx = Files.readString(REPO.resolve("deploy/compose/nginx.conf"));
        Matcher format = Pattern.compile("log_format gavel([^;]*);").matcher(nginx);
        assertTrue(format.find(), "a log format of our own");
        assertFalse(format.group(1).contains("$request ") || format.group(1).contains("$request_uri")
                || format.group(1).contains("$args") || format.group(1).contains("$query_string"), format.group(1));
        assertTrue(nginx.contains("access_log /dev/stdout gavel;"));
    }

    @Test
    void infrastructureIsRunByOperators() {
        for (List<JsonNode> overlay : List.of(dev, prod)) {
            one(overlay, "Kafka", "gavel-kafka");
            for (String topic : Topics.ALL) {
                JsonNode kafkaTopic = one(overlay, "KafkaTopic", topic);
                assertEquals(3, kafkaTopic.at("/spec/replicas").asInt(), topic);
                assertTrue(kafkaTopic.at("/spec/partitions").asInt() >= 3, topic);
                assertFalse(kafkaTopic.at("/spec/config/retention.ms").isMissingNode(), topic);
            }
            one(overlay, "Cluster", "gavel-db");
            Set<String> databases = new HashSet<>();
            overlay.stream().filter(o -> o.path("kind").asText().equals("Database"))
                    .forEach(o -> databases.add(o.at("/spec/name").asText()));
            for (ServiceSpec spec : ServiceSpec.ALL) {
                if (spec.database() != null) {
                    assertTrue(databases.contains(spec.database()), "a database for " + spec.name());
                }
            }
        }
    }

    /** The services that talk to Kafka, each with its own identity on the broker. */
    static final List<String> KAFKA_CLIENTS = List.of("user-service", "auction-service", "bidding-service",
            "notification-gateway");

    /** deploy/compose/kafka-acls.txt: rows of principal, operations (comma separated), resource, name, pattern. */
    static List<String[]> kafkaAclTable() throws IOException {
        return Files.readAllLines(REPO.resolve("deploy/compose/kafka-acls.txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.trim().split(" +")).toList();
    }

    /** The table as "principal operation resource name pattern" lines, one per operation. */
    static Set<String> aclLines(List<String[]> table) {
        Set<String> lines = new java.util.TreeSet<>();
        for (String[] row : table) {
            for (String operation : row[1].split(",")) {
                String pattern = row[4].equalsIgnoreCase("prefix") ? "prefixed" : row[4]; // Strimzi's word for it
                lines.add(String.join(" ", row[0], operation, row[2], row[3], pattern).toLowerCase());
            }
        }
        return lines;
    }

    /** The topics a service may write: those it produces (CONTRACT §7, §7b). */
    static Set<String> produced(String service) {
        Set<String> topics = new java.util.TreeSet<>();
        Topics.ALL.stream().filter(t -> Topics.producerOf(t).equals(service)).forEach(topics::add);
        return topics;
    }

    /** Strimzi: TLS and SCRAM-SHA-512 on every listener, and each KafkaUser writes exactly its own topics. */
    @Test
    void kubernetesKafkaAuthenticatesEveryClientAndLetsEachWriteOnlyItsTopics() throws IOException {
        for (List<JsonNode> overlay : List.of(dev, prod)) {
            JsonNode kafka = one(overlay, "Kafka", "gavel-kafka");
            assertEquals("simple", kafka.at("/spec/kafka/authorization/type").asText());
            assertTrue(kafka.at("/spec/kafka/listeners").size() > 0);
            for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
                assertTrue(listener.path("tls").asBoolean(), "TLS on " + listener);
                assertEquals("scram-sha-512", listener.at("/authentication/type").asText(), "authentication on " + listener);
            }
            for (String service : KAFKA_CLIENTS) {
                JsonNode user = one(overlay, "KafkaUser", service);
                assertEquals("scram-sha-512", user.at("/spec/authentication/type").asText(), service);
                Set<String> writes = new java.util.TreeSet<>();
                for (JsonNode acl : user.at("/spec/authorization/acls")) {
                    boolean write = acl.get("operations").toString().contains("Write");
                    boolean topic = acl.at("/resource/type").asText().equals("topic");
                    if (write && topic && acl.at("/resource/patternType").asText().equals("literal")) {
                        writes.add(acl.at("/resource/name").asText());
                    } else if (write) {
                        assertEquals(service + ".", acl.at("/resource/name").asText(), "prefixed writes: its dead letters only");
                    }
                }
                assertEquals(produced(service), writes, service + " writes only its own topics");
                List<String[]> rows = new ArrayList<>();
                for (JsonNode acl : user.at("/spec/authorization/acls")) {
                    List<String> operations = new ArrayList<>();
                    acl.get("operations").forEach(o -> operations.add(o.asText()));
                    rows.add(new String[] {service, String.join(",", operations), acl.at("/resource/type").asText(),
                            acl.at("/resource/name").asText(), acl.at("/resource/patternType").asText()});
                }
                Set<String> compose = aclLines(kafkaAclTable().stream().filter(r -> r[0].equals(service)).toList());
                assertEquals(compose, aclLines(rows), service + ": the same rules in Kubernetes as in compose");
                JsonNode deployment = one(overlay, "Deployment", service);
                String env = deployment.at("/spec/template/spec/containers/0/env").toString();
                assertTrue(env.contains("KAFKA_SASL_JAAS_CONFIG") && env.contains("\"name\":\"" + service + "\""),
                        service + " signs in with its own KafkaUser secret: " + env);
                assertTrue(env.contains("gavel-kafka-cluster-ca-cert"), service + " trusts the cluster CA");
                JsonNode config = one(overlay, "ConfigMap", service + "-config").get("data");
                assertEquals("SASL_SSL", config.get("KAFKA_SECURITY_PROTOCOL").asText(), service);
                assertEquals("SCRAM-SHA-512", config.get("KAFKA_SASL_MECHANISM").asText(), service);
            }
        }
    }

    /** Compose: clients reach only the SASL_SSL listener, each as its own user, and ACLs decide what it may write. */
    @Test
    void composeKafkaAuthenticatesEveryClientAndLetsEachWriteOnlyItsTopics() throws IOException {
        // (KafkaAuthorizationTest runs a broker with these settings and this table)
        JsonNode kafka = compose.at("/services/kafka/environment");
        assertTrue(compose.at("/services/kafka/volumes").toString().contains("kafka-acls.txt"));
        for (String listener : kafka.get("KAFKA_LISTENERS").asText().split(",")) {
            assertTrue(listener.startsWith("SASL_SSL://") || listener.contains("//localhost:"),
                    "only SASL_SSL is reachable from other containers: " + listener);
        }
        assertEquals("SCRAM-SHA-512", kafka.get("KAFKA_SASL_ENABLED_MECHANISMS").asText());
        assertTrue(kafka.get("KAFKA_AUTHORIZER_CLASS_NAME").asText().endsWith("StandardAuthorizer"));
        assertEquals("false", kafka.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND").asText());
        String setup = Files.readString(REPO.resolve("deploy/compose/kafka-security.sh"));
        for (String service : KAFKA_CLIENTS) {
            JsonNode env = compose.at("/services/" + service + "/environment");
            assertEquals("SASL_SSL", env.get("KAFKA_SECURITY_PROTOCOL").asText(), service);
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM").asText(), service);
            assertTrue(env.get("KAFKA_SASL_JAAS_CONFIG").asText().contains("username=\"" + service + "\""), service);
            assertTrue(compose.at("/services/" + service + "/secrets").toString().contains("kafka-ca.pem"), service);
            Set<String> writes = new java.util.TreeSet<>();
            kafkaAclTable().stream().filter(r -> r[0].equals(service) && r[1].contains("Write") && r[2].equals("topic"))
                    .forEach(r -> writes.add(r[4].equals("literal") ? r[3] : "prefix:" + r[3]));
            Set<String> expected = new java.util.TreeSet<>(produced(service));
            if (!service.equals("user-service")) {
                expected.add("prefix:" + service + "."); // its dead-letter topics
            }
            assertEquals(expected, writes, service + " writes only its own topics");
        }
        for (String topic : Topics.ALL) {
            assertTrue(setup.contains(topic), topic + " is created");
        }
    }

    @Test
    void composeRunsEveryServiceHealthyAndLimited() throws IOException {
        JsonNode services = compose.get("services");
        for (String infra : List.of("postgres", "kafka", "gateway")) {
            assertNotNull(services.get(infra), infra);
            assertFalse(services.get(infra).path("healthcheck").isMissingNode(), infra + " health check");
        }
        String init = Files.readString(REPO.resolve("deploy/compose/postgres-init.sh"));
        String superuser = services.at("/postgres/environment/POSTGRES_USER").asText();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            JsonNode s = services.get(spec.name());
            assertNotNull(s, spec.name());
            assertTrue(s.get("image").asText().startsWith("gavel/" + spec.name() + ":"), spec.name());
            assertEquals("src/main/docker/Dockerfile.jvm", s.at("/build/dockerfile").asText());
            assertTrue(Files.exists(REPO.resolve(spec.name()).resolve("src/main/docker/Dockerfile.jvm")));
            assertTrue(s.at("/healthcheck/test").toString().contains(httpPort(spec.name()) + "/q/health/ready"), spec.name());
            assertFalse(s.path("restart").isMissingNode(), spec.name() + " restart policy");
            assertFalse(s.path("mem_limit").isMissingNode(), spec.name() + " memory limit");
            assertEquals(String.valueOf(httpPort(spec.name())), s.at("/environment/QUARKUS_HTTP_PORT").asText());
            s.path("depends_on").fields().forEachRemaining(d ->
                    assertEquals("service_healthy", d.getValue().get("condition").asText(), spec.name() + " -> " + d.getKey()));
            if (!spec.pathPrefixes().equals(List.of("/"))) { // web-app verifies no token
                assertTrue(s.get("secrets").toString().contains("jwt-public.pem"), "JWT key from a mounted secret");
            }
            if (spec.database() != null) {
                assertTrue(init.contains(spec.database()) && init.contains("CREATE ROLE") && init.contains("CREATE DATABASE"),
                        spec.database());
                assertEquals(spec.database(), s.at("/environment/QUARKUS_DATASOURCE_USERNAME").asText(),
                        spec.name() + " connects as its own role, not as the superuser " + superuser);
            }
            assertEquals(USES_CLIENT_ADDRESS.contains(spec.name()) ? "172.28.0.10/32" : "",
                    s.at("/environment/GAVEL_TRUSTED_PROXIES").asText(), spec.name());
        }
        assertTrue(services.at("/gateway/depends_on").size() >= ServiceSpec.ALL.size());
        assertEquals("172.28.0.10", services.at("/gateway/networks/default/ipv4_address").asText(),
                "the gateway has the one address the services trust");
    }

    @Test
    void everyEnvironmentVariableMapsToARealConfigurationProperty() throws IOException {
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Set<String> known = knownProperties(spec.name());
            Set<String> variables = new HashSet<>();
            compose.at("/services/" + spec.name() + "/environment").fieldNames().forEachRemaining(variables::add);
            for (List<JsonNode> overlay : List.of(dev, prod)) {
                one(overlay, "ConfigMap", spec.name() + "-config").get("data").fieldNames().forEachRemaining(variables::add);
            }
            for (String variable : variables) {
                // every kafka.* property goes to the service's Kafka clients as it is (KAFKA_SECURITY_PROTOCOL, ...)
                boolean kafkaClient = variable.startsWith("KAFKA_") && known.contains("KAFKA_BOOTSTRAP_SERVERS");
                assertTrue(known.contains(variable) || kafkaClient,
                        spec.name() + ": " + variable + " sets no configuration property of the service");
            }
        }
    }

    @Test
    void noSecretValuesAreCommitted() throws IOException {
        for (List<JsonNode> overlay : List.of(dev, prod)) {
            assertTrue(overlay.stream().noneMatch(o -> o.path("kind").asText().equals("Secret")),
                    "Secrets are referenced, never committed");
        }
        try (Stream<Path> files = Stream.concat(Files.walk(REPO.resolve("deploy")), Stream.of(REPO.resolve("docker-compose.yml")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (file.toString().contains("/deploy/compose/secrets/")) {
                    continue; // generated locally, git-ignored
                }
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                assertFalse(text.contains("PRIVATE KEY-----"), "a private key in " + file);
            }
        }
        String ignored = Files.readString(REPO.resolve(".gitignore"));
        assertTrue(ignored.contains("deploy/compose/secrets/") && ignored.contains(".gavel/"), ".gitignore keeps keys out");
        String composeFile = Files.readString(REPO.resolve("docker-compose.yml"));
        Matcher password = Pattern.compile("(?m)^ *\\w*PASSWORD: *\"?([^\"\\n]*)").matcher(composeFile);
        int passwords = 0;
        while (password.find()) {
            passwords++;
            assertTrue(password.group(1).startsWith("${"), "passwords come from the environment: " + password.group());
        }
        Matcher jaas = Pattern.compile("password=\"([^\"]*)\"").matcher(composeFile);
        while (jaas.find()) {
            passwords++;
            assertTrue(jaas.group(1).startsWith("${"), "Kafka passwords come from the environment: " + jaas.group());
        }
        assertTrue(passwords >= 10, "database and Kafka passwords: " + passwords);
    }

    // --- helpers

    static List<JsonNode> kustomize(String overlay) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", REPO.resolve(overlay).toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            fail("kubectl is needed to render the Kustomize overlays (kubectl kustomize) and was not found: " + e.getMessage());
            return List.of();
        }
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "kubectl kustomize " + overlay + " failed: " + err);
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(out)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isEmpty()) {
                    objects.add(doc);
                }
            }
        }
        return objects;
    }

    static JsonNode one(List<JsonNode> objects, String kind, String name) {
        List<JsonNode> found = objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind) && o.at("/metadata/name").asText().equals(name))
                .toList();
        assertEquals(1, found.size(), "one " + kind + " " + name);
        return found.get(0);
    }

    static Map<String, String> routes() {
        Map<String, String> routes = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(REPO.resolve("deploy/routes.properties"))) {
            Properties p = new Properties();
            p.load(in);
            p.forEach((k, v) -> routes.put((String) k, (String) v));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return routes;
    }

    static int httpPort(String service) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(REPO.resolve(service).resolve("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return Integer.parseInt(p.getProperty("quarkus.http.port"));
    }

    /** Environment-variable forms of every property the service declares or references (SmallRye's mapping). */
    static Set<String> knownProperties(String service) throws IOException {
        Set<String> names = new HashSet<>();
        List<Path> sources = List.of(REPO.resolve(service).resolve("src/main/resources/application.properties"),
                REPO.resolve("gavel-common/src/main/resources/META-INF/microprofile-config.properties"),
                REPO.resolve("gavel-outbox/src/main/resources/META-INF/microprofile-config.properties"));
        Pattern expression = Pattern.compile("\\$\\{([^:}]+)");
        for (Path source : sources) {
            for (String line : Files.readAllLines(source)) {
                if (line.isBlank() || line.startsWith("#") || !line.contains("=")) {
                    continue;
                }
                String key = line.substring(0, line.indexOf('=')).trim();
                names.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
                Matcher m = expression.matcher(line);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        Set<String> env = new HashSet<>();
        names.forEach(n -> env.add(n.replaceAll("[^A-Za-z0-9]", "_").toUpperCase()));
        return env;
    }
}
