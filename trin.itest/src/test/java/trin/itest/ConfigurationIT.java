package trin.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.Map;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

import com.fasterxml.jackson.databind.JsonNode;


/**
 * A configuration changed through ConfigurationAdmin takes effect in the running framework, in
 * place: the platform sees its effect and no goodbye (101) or new connect (102).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ConfigurationIT extends TrinTestSupport {

    /** Mosquitto: this test restarts the session while QoS 1 messages flow (see {@link Platform#onMosquitto()}). */
    @Override
    protected Platform startPlatform() throws Exception {
        return Platform.onMosquitto();
    }


    private static final String OTHER_DEVICE = "111111111111111";
    private static final String OTHER_APP = "other_app";

    @Test
    public void givenARunningClient_whenPdrIntervalIsConfigured_thenItAnswersAndReportsWithTheNewValue()
            throws Exception {
        Platform platform = connectedDevice();
        assertEquals("3600", platform.call("0", "before", "get", "pdr_interval").path(2).asText());
        long connects = platform.events(102);

        configure("trin.client", clientConfiguration(Map.of("pdrInterval", 1)));

        platform.awaitAnswer(pdr -> pdr.path(2).asInt() == 1, "0", "get", "pdr_interval");
        // The periodic (basic) report now comes every second: data on PID 0 that is not a full dump.
        int after = platform.lastIndex();
        platform.awaitMessages(m -> m.index() > after && Platform.isData(m, "0") && Platform.data(m).has("cpu_usg")
                && !Platform.data(m).has("top_5_proc"), 2);
        assertEquals("connect events", connects, platform.events(102));
        assertEquals("goodbye events", 0, platform.events(101));
    }

    /**
     * Commands from another device are dropped until it is a trusted sender; configured so, its
     * commands are answered, on its own topic too.
     */
    @Test
    public void givenARunningClient_whenTrustedSendersIsConfigured_thenThatDevicesCommandsAreAnswered()
            throws Exception {
        // One command worker: commands are handled in the order they arrive.
        Platform platform = connectedDevice(Map.of("workers", 1));
        installExamples();
        platform.commandFrom(OTHER_DEVICE + "/" + OTHER_APP, "my_app_id", "untrusted", "sum_these", 1, 1);
        assertEquals("[0,0,2]", platform.call("my_app_id", "from-server", "sum_these", 1, 1).toString());
        assertFalse("an untrusted sender got an answer",
                platform.messages().stream().anyMatch(m -> m.topic().endsWith("/untrusted")));
        long connects = platform.events(102);

        configure("trin.client",
                clientConfiguration(Map.of("workers", 1, "trustedSenders", new String[] {OTHER_DEVICE})));

        platform.awaitAnswer(trusted -> trusted.path(2).asText().equals(OTHER_DEVICE), "0", "get", "trusted_senders");
        platform.commandFrom(OTHER_DEVICE + "/" + OTHER_APP, "my_app_id", "trusted", "sum_these", 2, 2);
        JsonNode reply = platform.awaitReply("my_app_id", "trusted");
        assertEquals("[0,0,4]", reply.toString());
        // A reply to another device also goes to that device's own topic: CID/SENDER/SENDER_PID/</UID/PID/TCT.
        String toSender = String.join("/", Platform.CID, OTHER_DEVICE, OTHER_APP, "<", Platform.UID, "my_app_id",
                "trusted");
        assertEquals("[0,0,4]", Platform.json(platform.awaitMessage(toSender)).path("x").toString());
        assertEquals("connect events", connects, platform.events(102));
        assertEquals("goodbye events", 0, platform.events(101));
    }
}
