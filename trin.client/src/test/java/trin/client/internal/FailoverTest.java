package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static trin.client.internal.ClientHarness.CID;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.api.client.Event;
import trin.testkit.Await;
import trin.testkit.Mosquitto;
import trin.testkit.MqttProbe;

/**
 * A gateway configured with two brokers ({@code host=a:p1,b:p2}) moves to the
 * second when the first dies while its application publishes QoS 1 events:
 * every event published after the first broker died reaches the second one's
 * subscriber (none is lost in the failover), and the status says which broker
 * is in use.
 */
class FailoverTest {

    private static final int EVENTS = 300;

    @TempDir
    Path dir;

    private Mosquitto first;
    private Mosquitto second;
    private MqttProbe onSecond;
    private ClientHarness harness;

    @BeforeEach
    void twoBrokers() throws Exception {
        BrokerKind.requireMosquitto();
        first = Mosquitto.builder().start();
        second = Mosquitto.builder().start();
        onSecond = MqttProbe.builder(second.uri()).clientId("platform-second").subscribe(CID + "/#").connect();
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
        if (onSecond != null) {
            onSecond.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void whenTheFirstBrokerDiesTheSessionMovesToTheSecondAndNothingIsLost() throws Exception {
        harness = new ClientHarness(Broker.mosquitto(first), dir)
                .with("host", "127.0.0.1:" + first.port() + ",127.0.0.1:" + second.port()).with("keepAlive", 2)
                .with("connectTimeout", 2).with("reconnectMaxDelay", 1);
        harness.start();
        assertThat(harness.client.status().broker()).isEqualTo("tcp://127.0.0.1:" + first.port());

        for (int n = 0; n < EVENTS; n++) {
            if (n == EVENTS / 3) {
                // Everything so far has reached the first broker's subscriber: a broker without persistence that
                // dies between its PUBACK and its delivery loses a message the client rightly counts as sent.
                Await.until("the first third at the first broker", ClientHarness.WAIT,
                        () -> received().size() == EVENTS / 3);
                first.stop();
            }
            harness.client.publishEvents(Scenarios.APP, List.of(Event.now(1, "n=" + n)), 1);
        }

        Await.until("every event at one broker or the other", ClientHarness.WAIT, () -> received().size() == EVENTS);
        Map<Integer, Integer> seen = received();
        int duplicates = seen.values().stream().mapToInt(count -> count - 1).sum();
        assertThat(seen.keySet()).hasSize(EVENTS);
        assertThat(harness.client.status().broker()).isEqualTo("tcp://127.0.0.1:" + second.port());
        assertThat(harness.client.status().connected()).isTrue();
        System.out.printf("[figures] failover: %d events, %d received, %d duplicated, broker now %s%n", EVENTS,
                seen.size(), duplicates, harness.client.status().broker());
    }

    /** Each event number with how often it arrived, at either broker. */
    private Map<Integer, Integer> received() {
        Map<Integer, Integer> seen = new TreeMap<>();
        List<MqttProbe.Received> all = new ArrayList<>(harness.platform.messages());
        all.addAll(onSecond.messages());
        for (MqttProbe.Received m : all) {
            int at = m.text().indexOf("n=");
            if (m.topic().endsWith("/" + Scenarios.APP + "/>") && at >= 0) {
                int end = m.text().indexOf('"', at);
                seen.merge(Integer.parseInt(m.text().substring(at + 2, end)), 1, Integer::sum);
            }
        }
        return seen;
    }
}
