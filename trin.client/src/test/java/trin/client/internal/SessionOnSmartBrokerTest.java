package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import trin.devbroker.LoginAttempt;
import trin.testkit.Await;

class SessionOnSmartBrokerTest extends SessionScenarios {

    @Override
    BrokerKind broker() {
        return BrokerKind.SMART;
    }

    @Test
    void reconnectsAfterABrokerRestartWithAFreshPasswordTheBrokerAccepts() throws Exception {
        sampleDevice().start();

        harness.broker.stop();
        harness.broker.start();

        Await.until("a second login of the device", ClientHarness.WAIT, () -> deviceLogins().size() >= 2);
        harness.awaitState(trin.api.client.ConnectionState.CONNECTED);
        // Moquette 0.17 now and then drops a SUBSCRIBE that follows the CONNACK at once, and the client
        // tries again: at least two logins, every one accepted (fresh passwords), one reconnect counted.
        List<LoginAttempt> device = deviceLogins();
        assertThat(device).hasSizeGreaterThanOrEqualTo(2).allMatch(LoginAttempt::accepted);
        assertThat(harness.client.status().counters().reconnects()).isEqualTo(1);
    }

    private List<LoginAttempt> deviceLogins() {
        return harness.broker.logins().stream().filter(l -> l.clientId().equals(ClientHarness.UID)).toList();
    }

    @Test
    void aRefusedLoginIsRetriedSlowlyNotInATightLoop() throws Exception {
        harness = ClientHarness.onSmartBroker(dir);
        harness.key[0] ^= 1; // the device's key no longer matches the one the platform knows
        harness.with("reconnectMaxDelay", 60).connectPlatform();
        harness.startClient();

        Await.until("the refused login and the next attempt planned", ClientHarness.WAIT,
                () -> !deviceLogins().isEmpty() && harness.client.status().nextAttempt().isPresent());
        Instant next = harness.client.status().nextAttempt().orElseThrow();

        assertThat(deviceLogins()).hasSize(1).allMatch(l -> !l.accepted());
        // the maximum delay (60 s), less its jitter of a tenth: not a tight loop
        assertThat(Duration.between(Instant.now(), next)).isGreaterThan(Duration.ofSeconds(50));
    }

    @Test
    void aNewIdentityStartsANewSessionAndAVanishedOneKeepsTheOld() throws Exception {
        sampleDevice().start();
        String newUid = "AAA0000000000077";
        harness.broker.register(ClientHarness.CID, newUid, harness.key);

        harness.client.unbindIdentity(harness.identity);
        assertThat(harness.client.status().connected()).isTrue();

        harness.client.bindIdentity(new TestIdentity(newUid, dir.resolve("rebooted")));

        harness.awaitPublished(ClientHarness.CID + "/" + newUid + "/0/>", m -> m.text().contains(",102,"));
        harness.awaitPublished(ClientHarness.topic("0", ">"), m -> m.text().contains(",101,"));
        assertThat(harness.client.status().uid()).contains(newUid);
    }
}
