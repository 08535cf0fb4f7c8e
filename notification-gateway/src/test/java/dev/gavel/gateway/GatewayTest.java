package dev.gavel.gateway;

import dev.gavel.testkit.JwtKeysResource;
import dev.gavel.testkit.KafkaResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every Quarkus test of notification-gateway: the service against a real Kafka broker, fresh JWT keys and a stand-in
 * for bidding-service's live state. All classes share one running application.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = BiddingStateStub.class, scope = TestResourceScope.GLOBAL)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface GatewayTest {
}
