package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static trin.client.internal.ClientHarness.SERVER;

import org.junit.jupiter.api.Test;

class IncomingOnMosquittoTest extends IncomingScenarios {

    /*
     * Mosquitto only: Moquette 0.17 delivers a retained message to a new subscriber without the retain
     * flag, so a client cannot tell it from a live one there (a broker bug, not ours to work around).
     */
    @Test
    void aRetainedCommandIsNeverExecuted() throws Exception {
        sampleDevice().start();
        harness.stopClient();
        harness.platform.publish(ClientHarness.topic(APP, "<", SERVER), c("retained", "sum_these", 1), 1, true);

        harness.startClient();
        awaitConnectEvents(2);

        assertNoReply(APP, "retained");
        assertThat(handled.get()).isEqualTo(1); // the probe command only
        harness.platform.publish(ClientHarness.topic(APP, "<", SERVER), new byte[0], 1, true); // clean up
    }

    @Override
    BrokerKind broker() {
        return BrokerKind.MOSQUITTO;
    }
}
