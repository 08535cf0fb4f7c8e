package dev.gavel.gateway;

import dev.gavel.testkit.JwtKeysResource;
import dev.gavel.testkit.KafkaResource;
import dev.gavel.testkit.MailCatcherResource;
import dev.gavel.testkit.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every Quarkus test of notification-gateway: the service against a real PostgreSQL, a real Kafka broker, a real SMTP
 * server (the mail catcher), fresh JWT keys and a stand-in
 * for bidding-service's live state. All classes share one running application.
 */
@QuarkusTest
@ExtendWith(RelayPositioned.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MailCatcherResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = BiddingStateStub.class, scope = TestResourceScope.GLOBAL)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface GatewayTest {
}
