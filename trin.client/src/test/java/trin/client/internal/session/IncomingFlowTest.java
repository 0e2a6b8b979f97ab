package trin.client.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import trin.client.internal.threads.ThreadPools;
import trin.testkit.Await;

/** The acknowledgements of what arrives: sent at once while there is room, held in order while there is none. */
class IncomingFlowTest {

    private static final int LIMIT = 100;

    private final AtomicInteger waiting = new AtomicInteger();
    private final List<Integer> acknowledged = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = ThreadPools.scheduler("flow-test");
    /** Its periodic check never comes within a test, but for the one about the check. */
    private final IncomingFlow flow = flow(Duration.ofHours(1));

    private IncomingFlow flow(Duration checkEvery) {
        return new IncomingFlow(waiting::get, () -> LIMIT, ack -> acknowledged.add(ack.id()), timer, checkEvery);
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void givenRoom_whenAMessageIsTaken_thenItIsAcknowledgedAtOnce() {
        flow.taken(flow.arrived(null, message(1, 1, false)));
        flow.taken(flow.arrived(null, message(2, 2, false)));

        assertThat(acknowledged).containsExactly(1, 2);
        assertThat(flow.held()).isZero();
    }

    @Test
    void givenRoomForLessThanOneBurst_whenAMessageIsTaken_thenItsAcknowledgementIsHeld() {
        waiting.set(LIMIT - IncomingFlow.BURST + 1);
        flow.taken(flow.arrived(null, message(1, 1, false)));

        assertThat(acknowledged).isEmpty();
        assertThat(flow.held()).isEqualTo(1);
    }

    @Test
    void givenAQosZeroMessage_whenTaken_thenNothingIsSentOrHeld() {
        waiting.set(LIMIT);
        IncomingFlow.Ack ack = flow.arrived(null, message(0, 0, false));
        flow.taken(ack);

        assertThat(ack).isSameAs(IncomingFlow.NONE);
        assertThat(acknowledged).isEmpty();
        assertThat(flow.held()).isZero();
    }

    @Test
    void givenTheRepliesOwedAtTheLimit_whenMessagesAreTaken_thenTheirAcknowledgementsWaitAndGoOldestFirst() {
        waiting.set(LIMIT);
        for (int id = 1; id <= 5; id++) {
            flow.taken(flow.arrived(null, message(id, 1, false)));
        }
        assertThat(acknowledged).isEmpty();
        assertThat(flow.held()).isEqualTo(5);

        waiting.set(LIMIT - IncomingFlow.BURST + 1); // less room than one acknowledgement may bring
        flow.drained();
        assertThat(acknowledged).isEmpty();

        waiting.set(LIMIT - IncomingFlow.BURST); // room for one burst: one acknowledgement
        flow.drained();
        assertThat(acknowledged).containsExactly(1);

        waiting.set(LIMIT - 2 * IncomingFlow.BURST); // room for two bursts
        flow.drained();
        assertThat(acknowledged).containsExactly(1, 2, 3);

        waiting.set(0);
        flow.drained();
        assertThat(acknowledged).containsExactly(1, 2, 3, 4, 5);
        assertThat(flow.held()).isZero();
        assertThat(flow.episodes()).isEqualTo(1);
    }

    @Test
    void givenAcknowledgementsHeld_whenANewMessageFindsRoom_thenItStillWaitsBehindThem() {
        waiting.set(LIMIT);
        flow.taken(flow.arrived(null, message(1, 1, false)));
        waiting.set(LIMIT - IncomingFlow.BURST);
        // room for one burst: the held one goes first, the new one waits behind it until there is room again
        flow.taken(flow.arrived(null, message(2, 1, false)));

        assertThat(acknowledged).containsExactly(1);
        waiting.set(0);
        flow.drained();
        assertThat(acknowledged).containsExactly(1, 2);
    }

    @Test
    void givenCommandsRunning_whenTheyFinish_thenTheyNoLongerCountAsOwed() {
        for (int i = 0; i < LIMIT - IncomingFlow.BURST + 1; i++) {
            flow.started();
        }
        flow.taken(flow.arrived(null, message(1, 1, false)));
        assertThat(acknowledged).isEmpty();

        flow.finished();
        assertThat(acknowledged).containsExactly(1);
        assertThat(flow.owed()).isEqualTo(LIMIT - IncomingFlow.BURST);
    }

    @Test
    void givenAHeldMessage_whenTheBrokerSendsItAgain_thenTheCopyIsDroppedAndOthersAreNot() {
        waiting.set(LIMIT);
        flow.taken(flow.arrived(null, message(7, 1, false)));

        assertThat(flow.arrived(null, message(7, 1, true))).as("a copy of the held message").isNull();
        assertThat(flow.arrived(null, message(8, 1, true))).as("a redelivery of another message").isNotNull();
        assertThat(flow.duplicates()).isEqualTo(1);
    }

    @Test
    void givenHeldAcknowledgements_whenTheConnectionGoes_thenTheyAreForgotten() {
        waiting.set(LIMIT);
        flow.taken(flow.arrived(null, message(1, 1, false)));
        flow.disconnected();
        waiting.set(0);
        flow.drained();

        assertThat(acknowledged).isEmpty();
        assertThat(flow.held()).isZero();
    }

    @Test
    void givenHeldAcknowledgements_whenRoomAppearsWithoutAnEvent_thenTheCheckReleasesThem() {
        IncomingFlow flow = flow(Duration.ofMillis(10));
        waiting.set(LIMIT);
        for (int id = 1; id <= 3; id++) {
            flow.taken(flow.arrived(null, message(id, 1, false)));
        }
        waiting.set(0); // drained without telling the flow: only its periodic check can see it

        Await.until("the held acknowledgements to go out", Duration.ofSeconds(10), () -> acknowledged.size() == 3);
        assertThat(acknowledged).containsExactly(1, 2, 3);
    }

    private static MqttMessage message(int id, int qos, boolean duplicate) {
        MqttMessage m = new MqttMessage(new byte[] { 1 }) {
            {
                setDuplicate(duplicate);
            }
        };
        m.setQos(qos);
        m.setId(id);
        return m;
    }
}
