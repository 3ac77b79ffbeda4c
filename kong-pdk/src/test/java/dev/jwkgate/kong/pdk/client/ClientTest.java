package dev.jwkgate.kong.pdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kong.client}, against the Kong peer. */
class ClientTest {

    private static final String ALICE_ID = "7c4a6f0e-2b1d-4e8a-9f3c-5d6e7f8a9b0c";

    private final FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of())
            .withConsumer(ALICE_ID, "alice", "A-1", 1_700_000_000L, "team-a", "paid");
    private final Kong kong = new Kong(new InMemoryChannel(pdk));

    @Test
    void readsTheConnectingClientsAddressPortAndProtocol() {
        assertThat(kong.client.getIp()).isEqualTo(FakeKongPdk.CLIENT_IP);
        assertThat(kong.client.getForwardedIp()).isEqualTo(FakeKongPdk.CLIENT_IP);
        assertThat(kong.client.getPort()).isEqualTo(FakeKongPdk.CLIENT_PORT);
        assertThat(kong.client.getForwardedPort()).isEqualTo(FakeKongPdk.CLIENT_PORT);
        assertThat(kong.client.getProtocol(false)).isEqualTo("http");
    }

    @Test
    void loadsAConsumerByUsernameOrById() {
        Consumer alice = new Consumer(ALICE_ID, 1_700_000_000L, "alice", "A-1", List.of("team-a", "paid"));
        assertThat(kong.client.loadConsumer("alice", true)).isEqualTo(alice);
        assertThat(kong.client.loadConsumer(ALICE_ID, false)).isEqualTo(alice);
    }

    @Test
    void unknownConsumerIsNull() {
        assertThat(kong.client.loadConsumer("bob", true)).isNull();
    }

    @Test
    void loadingByAnIdThatIsNoUuidFailsInsideKong() {
        assertThatThrownBy(() -> kong.client.loadConsumer("alice", false)).hasMessageContaining("Kong would fail");
    }

    @Test
    void authenticatedConsumerAndCredentialAreWhatLaterPluginsSee() {
        Consumer alice = kong.client.loadConsumer("alice", true);
        kong.client.authenticate(alice, new Credential("cred-1", ALICE_ID));
        assertThat(kong.client.getConsumer()).isEqualTo(alice);
        assertThat(kong.client.getCredential()).isEqualTo(new Credential("cred-1", ALICE_ID));
    }

    @Test
    void nothingAuthenticatedYetIsNull() {
        assertThat(kong.client.getConsumer()).isNull();
        assertThat(kong.client.getCredential()).isNull();
    }
}
