package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import trin.devbroker.LoginAttempt;

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

        long deadline = System.nanoTime() + ClientHarness.WAIT.toNanos();
        while (deviceLogins().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        harness.awaitState(trin.api.client.ConnectionState.CONNECTED);
        List<LoginAttempt> device = deviceLogins();
        assertThat(device).filteredOn(LoginAttempt::accepted).hasSize(2);
        assertThat(device).filteredOn(l -> !l.accepted()).isEmpty();
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

        Thread.sleep(3000);

        List<LoginAttempt> device = harness.broker.logins().stream()
                .filter(l -> l.clientId().equals(ClientHarness.UID)).toList();
        assertThat(device).isNotEmpty().allMatch(l -> !l.accepted());
        assertThat(device).hasSizeLessThanOrEqualTo(2);
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
