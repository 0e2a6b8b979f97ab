package trin.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.jna.Memory;
import com.sun.jna.Native;

import trin.api.client.ConnectionState;
import trin.api.client.SmartClient;
import trin.devbroker.LoginAttempt;

/**
 * The session with a real broker: Paho connects from inside the framework, OSHI and JNA report from
 * inside it, and a command handler installed at run time answers.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class SessionIT extends TrinTestSupport {

    /**
     * A connect at all proves that Paho found its network module for {@code tcp} inside the framework
     * (its ServiceLoader lookup fails in some containers: "no NetworkModule installed for scheme tcp").
     */
    @Test
    public void givenTheTrinBundles_whenConfigured_thenTheDeviceConnectsThroughPahoInTheFramework() throws Exception {
        Platform platform = connectedDevice();

        JsonNode event = Platform.json(platform.connects().get(0)).path("e").path(1).path(0);
        assertEquals(102, event.path(1).asInt());
        assertEquals("Connect Success", event.path(2).asText());
        List<LoginAttempt> logins = platform.broker().logins().stream()
                .filter(l -> l.clientId().equals(Platform.UID)).toList();
        assertFalse("the device's logins", logins.isEmpty());
        for (LoginAttempt login : logins) {
            assertTrue(login.toString(), login.accepted());
            assertEquals(Platform.CID + Platform.UID, login.username());
        }

        SmartClient client = service(SmartClient.class);
        assertEquals(ConnectionState.CONNECTED, client.status().state());
        assertEquals("tcp://127.0.0.1:" + platform.port(), client.status().broker());
        // The client reports the Paho it runs with: the version of the Paho bundle, seen as a bundle.
        Bundle paho = bundle("org.eclipse.paho.client.mqttv3");
        assertEquals(paho.getVersion().toString(), platform.awaitConnectDump().path("client").path("paho").asText());
    }

    /** trin.health measures through OSHI, which needs JNA's native library: both work in the framework. */
    @Test
    public void givenAConnectedDevice_thenItsDumpCarriesTheSystemHealthFromOshi() throws Exception {
        Platform platform = connectedDevice();
        // JNA's native library, which the JNA bundle brings (Bundle-NativeCode), loads and works.
        assertEquals("com.sun.jna", FrameworkUtil.getBundle(Native.class).getSymbolicName());
        try (Memory memory = new Memory(Long.BYTES)) {
            memory.setLong(0, 42);
            assertEquals(42, memory.getLong(0));
        }

        JsonNode dump = platform.awaitConnectDump();
        assertTrue("cpu_usg in " + dump, dump.path("cpu_usg").isNumber());
        for (String field : List.of("total", "used", "free", "percent")) {
            assertTrue("mem." + field + " in " + dump, dump.path("mem").path(field).isNumber());
        }
        assertTrue("disk in " + dump, dump.path("disk").path("percent").isNumber());
        assertTrue("top_5_proc in " + dump, dump.path("top_5_proc").isArray() && dump.path("top_5_proc").size() > 0);
        assertTrue("mem.total > 0 in " + dump, dump.path("mem").path("total").asLong() > 0);
    }

    /** The sample application comes and goes while the client runs; its PID follows it. */
    @Test
    public void givenAConnectedDevice_whenAHandlerBundleIsInstalledAtRunTime_thenItsCommandsAreAnswered()
            throws Exception {
        Platform platform = connectedDevice();
        JsonNode before = platform.call("my_app_id", "before", "sum_these", 1, 2);
        assertEquals("no application yet: " + before, -19, before.path(1).asInt());

        Bundle examples = installExamples();
        JsonNode reply = platform.call("my_app_id", "sum", "sum_these", 1, 2, 3);

        assertEquals("[0,0,6]", reply.toString());
        examples.uninstall();
        JsonNode after = platform.call("my_app_id", "after", "sum_these", 1, 2);
        assertEquals(-19, after.path(1).asInt());
        assertEquals("Unknown PID", after.path(2).asText());
    }
}
