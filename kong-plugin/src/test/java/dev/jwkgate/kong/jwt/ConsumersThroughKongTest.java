package dev.jwkgate.kong.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Value;
import dev.jwkgate.gateway.ConsumerField;
import dev.jwkgate.gateway.ConsumerLookup;
import dev.jwkgate.gateway.ConsumerMapping;
import dev.jwkgate.gateway.GatewayDecision;
import dev.jwkgate.gateway.HeaderChange;
import dev.jwkgate.gateway.QueryRewrite;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The decision's consumer part as PDK calls: load_consumer (cached), authenticate, the acl groups, X-Consumer-*. */
class ConsumersThroughKongTest {

    private static final String ALICE_ID = "0b4ad5c2-4f0e-4d7a-9b1c-6a7e8f9d0c1b";
    private static final String GUEST_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static final GatewayDecision UNKNOWN = GatewayDecision.refused(
            ValidationResult.refused(ReasonCode.UNKNOWN_CONSUMER, "no consumer"),
            HttpRejection.of(ReasonCode.UNKNOWN_CONSUMER, null));
    private static final GatewayDecision GUEST_MISSING = GatewayDecision.refused(
            ValidationResult.refused(ReasonCode.INTERNAL_ERROR, "the anonymous consumer 'ghost' does not exist"),
            HttpRejection.internalError());

    private final AtomicLong now = new AtomicLong();
    private final ConsumerCache cache = new ConsumerCache(60, 5, 100, now::get);

    private static ConsumerMapping byUsername(String value, String credential, List<String> groups) {
        return new ConsumerMapping(new ConsumerLookup(value, List.of(ConsumerField.USERNAME)), credential, groups,
                UNKNOWN, false);
    }

    private static FakeKongPdk kong() {
        return FakeKongPdk.request("GET", Map.of("x-consumer-username", "mallory", "x-anonymous-consumer", "true"))
                .withConsumer(ALICE_ID, "alice", "A-1", 1L)
                .withConsumer(GUEST_ID, "guest", "", 1L);
    }

    private InMemoryChannel run(FakeKongPdk pdk, ConsumerMapping mapping) {
        GatewayDecision decision = new GatewayDecision(null, null, List.of(HeaderChange.set("X-User-Id", "alice")),
                QueryRewrite.NONE, mapping);
        InMemoryChannel channel = new InMemoryChannel(pdk);
        new JwtPlugin(request -> decision, new KongConsumers(cache), () -> { }).access(new Kong(channel));
        return channel;
    }

    @Test
    void aFoundConsumerIsAuthenticatedWithTheTokenCredentialAndSetsKongsConsumerHeaders() {
        FakeKongPdk pdk = kong();
        InMemoryChannel channel = run(pdk, byUsername("alice", "sub-1", null));
        assertThat(channel.exit()).isNull();
        assertThat(pdk.authenticatedConsumer().getId()).isEqualTo(ALICE_ID);
        assertThat(pdk.authenticatedCredential().getId()).isEqualTo("sub-1");
        assertThat(pdk.authenticatedCredential().getConsumerId()).isEqualTo(ALICE_ID);
        assertThat(pdk.upstreamHeaders()).containsEntry("x-consumer-id", ALICE_ID)
                .containsEntry("x-consumer-username", "alice").containsEntry("x-consumer-custom-id", "A-1")
                .containsEntry("x-credential-identifier", "sub-1").containsEntry("x-user-id", "alice")
                .doesNotContainKey("x-anonymous-consumer");
        assertThat(pdk.calls()).containsExactly("kong.client.load_consumer", "kong.client.authenticate",
                "kong.service.request.set_headers");
    }

    @Test
    void aCachedConsumerCostsNoLoadConsumerRoundTrip() {
        run(kong(), byUsername("alice", "sub-1", null));
        FakeKongPdk second = kong();
        run(second, byUsername("alice", "sub-1", null));
        assertThat(second.calls()).doesNotContain("kong.client.load_consumer");
        assertThat(second.authenticatedConsumer().getId()).isEqualTo(ALICE_ID);
    }

    @Test
    void aCachedConsumerIsLookedUpAgainAfterItsTtl() {
        run(kong(), byUsername("alice", "sub-1", null));
        now.addAndGet(61_000_000_000L);
        FakeKongPdk later = kong();
        run(later, byUsername("alice", "sub-1", null));
        assertThat(later.calls()).contains("kong.client.load_consumer");
    }

    @Test
    void anUnknownConsumerIsRefusedAndRememberedBriefly() {
        FakeKongPdk pdk = kong();
        InMemoryChannel channel = run(pdk, byUsername("nobody", "sub-2", null));
        assertThat(channel.exit().exitStatus()).isEqualTo(401);
        assertThat(new String(channel.exit().exitBody())).contains("unknown_consumer");
        assertThat(pdk.authenticatedConsumer()).isNull();
        FakeKongPdk again = kong();
        run(again, byUsername("nobody", "sub-2", null));
        assertThat(again.calls()).doesNotContain("kong.client.load_consumer");
        now.addAndGet(6_000_000_000L);
        FakeKongPdk later = kong();
        run(later, byUsername("nobody", "sub-2", null));
        assertThat(later.calls()).contains("kong.client.load_consumer");
    }

    @Test
    void aUsernameLookupNeverBecomesTheConsumerWhoseIdEqualsTheValue() {
        FakeKongPdk pdk = kong();
        InMemoryChannel channel = run(pdk, byUsername(ALICE_ID, ALICE_ID, null));
        assertThat(channel.exit().exitStatus()).isEqualTo(401);
        assertThat(pdk.authenticatedConsumer()).isNull();
    }

    @Test
    void withoutAConsumerTheCredentialAloneIsAuthenticatedAndClientConsumerHeadersAreRemoved() {
        FakeKongPdk pdk = kong();
        run(pdk, new ConsumerMapping(null, "sub-3", null, null, false));
        assertThat(pdk.authenticatedConsumer()).isNull();
        assertThat(pdk.authenticatedCredential().getId()).isEqualTo("sub-3");
        assertThat(pdk.authenticatedCredential().getConsumerId()).isEmpty();
        assertThat(pdk.upstreamHeaders()).containsEntry("x-credential-identifier", "sub-3")
                .doesNotContainKeys("x-consumer-username", "x-anonymous-consumer", "x-consumer-id");
    }

    @Test
    void groupsGoToTheSharedContextWhereAclReadsThem() {
        FakeKongPdk pdk = kong();
        run(pdk, byUsername("alice", "sub-4", List.of("llm-user", "offline")));
        Value groups = pdk.shared(KongConsumers.AUTHENTICATED_GROUPS);
        assertThat(groups.getListValue().getValuesList()).extracting(Value::getStringValue)
                .containsExactly("llm-user", "offline");
        assertThat(pdk.authenticatedCredential().getId()).isEqualTo("sub-4");
    }

    @Test
    void noGroupsArePublishedAsAnEmptyListSoAclSeesAClientInNoGroup() {
        FakeKongPdk pdk = kong();
        run(pdk, new ConsumerMapping(null, "sub-5", List.of(), null, false));
        assertThat(pdk.shared(KongConsumers.AUTHENTICATED_GROUPS).getListValue().getValuesCount()).isZero();
    }

    @Test
    void withGroupsAndNoConsumerNoCredentialIsHandedOverSinceAclWouldTakeItsEmptyConsumerIdForAConsumer() {
        FakeKongPdk pdk = kong();
        run(pdk, new ConsumerMapping(null, "sub-6", List.of("llm-user"), null, false));
        assertThat(pdk.authenticatedCredential()).isNull();
        assertThat(pdk.calls()).doesNotContain("kong.client.authenticate");
        assertThat(pdk.upstreamHeaders()).doesNotContainKey("x-credential-identifier");
    }

    @Test
    void theAnonymousConsumerIsAuthenticatedWithoutCredentialAndMarkedAnonymous() {
        FakeKongPdk pdk = kong();
        ConsumerMapping anonymous = new ConsumerMapping(new ConsumerLookup(GUEST_ID,
                List.of(ConsumerField.ID, ConsumerField.USERNAME)), null, null, GUEST_MISSING, true);
        run(pdk, anonymous);
        assertThat(pdk.authenticatedConsumer().getUsername()).isEqualTo("guest");
        assertThat(pdk.authenticatedCredential()).isNull();
        assertThat(pdk.upstreamHeaders()).containsEntry("x-anonymous-consumer", "true")
                .containsEntry("x-consumer-username", "guest").doesNotContainKey("x-consumer-custom-id");
    }

    @Test
    void anUnknownConsumerWithAnonymousSetProceedsAsTheAnonymousConsumer() {
        ConsumerMapping guest = new ConsumerMapping(new ConsumerLookup("guest", List.of(ConsumerField.USERNAME)), null,
                null, GUEST_MISSING, true);
        GatewayDecision asGuest = new GatewayDecision(null, null, List.of(HeaderChange.remove("x-user-id")),
                QueryRewrite.NONE, guest);
        FakeKongPdk pdk = kong();
        InMemoryChannel channel = run(pdk, new ConsumerMapping(new ConsumerLookup("nobody",
                List.of(ConsumerField.USERNAME)), "sub-7", null, asGuest, false));
        assertThat(channel.exit()).isNull();
        assertThat(pdk.authenticatedConsumer().getUsername()).isEqualTo("guest");
        assertThat(pdk.authenticatedCredential()).isNull();
        assertThat(pdk.upstreamHeaders()).containsEntry("x-anonymous-consumer", "true").doesNotContainKey("x-user-id");
    }

    @Test
    void aMissingAnonymousConsumerAnswers500AndSaysSoInKongsLog() {
        FakeKongPdk pdk = kong();
        ConsumerMapping anonymous = new ConsumerMapping(new ConsumerLookup("ghost", List.of(ConsumerField.USERNAME)),
                null, null, GUEST_MISSING, true);
        InMemoryChannel channel = run(pdk, anonymous);
        assertThat(channel.exit().exitStatus()).isEqualTo(500);
        assertThat(pdk.errorLogs()).anyMatch(line -> line.contains("anonymous consumer 'ghost' does not exist"));
    }

    @Test
    void theCacheKeepsAtMostItsBoundDroppingTheLeastRecentlyUsed() {
        ConsumerCache small = new ConsumerCache(60, 60, 2, now::get);
        small.find(new ConsumerLookup("a", List.of(ConsumerField.USERNAME)), lookup -> null);
        small.find(new ConsumerLookup("b", List.of(ConsumerField.USERNAME)), lookup -> null);
        small.find(new ConsumerLookup("c", List.of(ConsumerField.USERNAME)), lookup -> null);
        assertThat(small.size()).isEqualTo(2);
    }

    @Test
    void aZeroMissTtlCachesNoMiss() {
        ConsumerCache noMisses = new ConsumerCache(60, 0, 10, now::get);
        noMisses.find(new ConsumerLookup("a", List.of(ConsumerField.USERNAME)), lookup -> null);
        assertThat(noMisses.size()).isZero();
    }
}
