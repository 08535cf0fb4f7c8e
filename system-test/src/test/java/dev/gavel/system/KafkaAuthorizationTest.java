package dev.gavel.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.embedded.KafkaBroker;
import dev.gavel.embedded.Ports;
import dev.gavel.events.Topics;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The compose broker's security, run for real: a Kafka broker (this JVM) with docker-compose.yml's authentication and
 * authorizer settings, the users and ACLs of {@code deploy/compose/kafka-acls.txt}, TLS with a key made here by
 * keytool. A service that signs in can write its own topics and no other; nobody gets in without the password.
 */
class KafkaAuthorizationTest {

    static final Path REPO = DeploymentManifestsTest.REPO;
    static KafkaBroker broker;
    static Path tls;
    static int saslPort;
    static final Map<String, String> PASSWORDS = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        tls = Files.createTempDirectory("gavel-kafka-tls");
        keytool("-genkeypair", "-alias", "kafka", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", tls.resolve("kafka.keystore.p12").toString(), "-storepass", "changeit",
                "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "kafka", "-keystore", tls.resolve("kafka.keystore.p12").toString(),
                "-storepass", "changeit", "-file", tls.resolve("ca.pem").toString());

        JsonNode env = DeploymentManifestsTest.YAML.readTree(REPO.resolve("docker-compose.yml").toFile())
                .at("/services/kafka/environment");
        int plainPort = Ports.freePort();
        int controllerPort = Ports.freePort();
        saslPort = Ports.freePort();
        Map<String, String> props = new HashMap<>();
        // the compose broker's security settings as they are (the image turns KAFKA_A_B into a.b)
        for (String name : List.of("KAFKA_SASL_ENABLED_MECHANISMS", "KAFKA_AUTHORIZER_CLASS_NAME", "KAFKA_SUPER_USERS",
                "KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "KAFKA_AUTO_CREATE_TOPICS_ENABLE", "KAFKA_SSL_KEYSTORE_TYPE")) {
            props.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                    env.get(name).asText());
        }
        // the same listeners on this machine's ports: clients on SASL_SSL, administration over plaintext loopback
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + plainPort + ",SASL_SSL://127.0.0.1:" + saslPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + plainPort + ",SASL_SSL://127.0.0.1:" + saslPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
        props.put("ssl.keystore.location", tls.resolve("kafka.keystore.p12").toString());
        props.put("ssl.keystore.password", "changeit");
        props.put("ssl.key.password", "changeit");
        // the broker's side of SCRAM (compose: deploy/compose/kafka-jaas.conf)
        props.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        broker = KafkaBroker.start(null, plainPort, controllerPort, props);
        broker.createTopics(Topics.ALL, 1);
        applyAclTable();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** What kafka-security.sh does with kafka-acls.txt, through the Admin API. */
    static void applyAclTable() throws Exception {
        List<AclBinding> bindings = new ArrayList<>();
        for (String[] rule : DeploymentManifestsTest.kafkaAclTable()) {
            PASSWORDS.computeIfAbsent(rule[0], p -> "pw-" + p + "-" + System.nanoTime());
            ResourcePattern resource = new ResourcePattern(ResourceType.valueOf(rule[2].toUpperCase(Locale.ROOT)),
                    rule[3], PatternType.valueOf(rule[4].toUpperCase(Locale.ROOT)));
            for (String operation : rule[1].split(",")) {
                AclOperation op = AclOperation.fromString(operation);
                bindings.add(new AclBinding(resource,
                        new AccessControlEntry("User:" + rule[0], "*", op, AclPermissionType.ALLOW)));
            }
        }
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin client = Admin.create(admin)) {
            client.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
            List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> users = new ArrayList<>();
            PASSWORDS.forEach((user, password) -> users.add(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)));
            client.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
        }
    }

    static KafkaProducer<String, String> producer(String user, String password) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + saslPort);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.location", tls.resolve("ca.pem").toString());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** The error of sending one record as {@code user}, or null when the broker took it. */
    static Throwable send(String user, String password, String topic) {
        try (KafkaProducer<String, String> producer = producer(user, password)) {
            producer.send(new ProducerRecord<>(topic, "key", "{}")).get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    @Test
    void eachServiceWritesItsOwnTopics() {
        for (String topic : Topics.ALL) {
            String producer = Topics.producerOf(topic);
            assertEquals(null, send(producer, PASSWORDS.get(producer), topic), producer + " -> " + topic);
        }
    }

    @Test
    void biddingServiceCannotForgeAnAuctionCancelled() {
        assertInstanceOf(TopicAuthorizationException.class,
                send("bidding-service", PASSWORDS.get("bidding-service"), Topics.AUCTION_CANCELLED));
    }

    @Test
    void noServiceWritesAnotherServicesTopic() {
        for (String service : PASSWORDS.keySet()) {
            for (String topic : Topics.ALL) {
                if (!Topics.producerOf(topic).equals(service)) {
                    // refused for the topic, or (a service that writes no topic at all) for idempotent writes
                    assertInstanceOf(AuthorizationException.class, send(service, PASSWORDS.get(service), topic),
                            service + " must not write " + topic);
                }
            }
        }
    }

    @Test
    void nobodySignsInWithoutTheRightPassword() {
        assertInstanceOf(SaslAuthenticationException.class,
                send("auction-service", "a guess", Topics.AUCTION_CANCELLED));
        assertInstanceOf(SaslAuthenticationException.class, send("intruder", "anything", Topics.AUCTION_CANCELLED));
    }

    @Test
    void aPlaintextClientCannotUseTheTlsListener() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + saslPort);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            assertThrows(Exception.class, () -> producer.send(new ProducerRecord<>(Topics.AUCTION_CANCELLED, "k", "{}"))
                    .get(10, TimeUnit.SECONDS));
        }
    }

    static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
