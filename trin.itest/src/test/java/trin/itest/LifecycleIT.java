package trin.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Set;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

import trin.api.client.ConnectionState;
import trin.api.client.SmartClient;
import trin.api.device.DeviceIdentity;
import trin.api.device.Registrar;

/**
 * Bundles stopped, updated from their own jars and started again while the session runs: the session
 * stays up (no new connect, no reconnect), the reports follow the change, and an application
 * publishing all along loses nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class LifecycleIT extends TrinTestSupport {

    private static final String SYSTEM_HEALTH =
            "(&(objectClass=trin.api.health.HealthReporter)(trin.health.scope=system))";
    private static final String SAMPLE_HANDLER =
            "(&(objectClass=trin.api.command.CommandHandler)(trin.app.id=my_app_id))";

    @Test
    public void givenARunningSession_whenTrinHealthIsStoppedUpdatedAndStarted_thenTheReportFollowsAndTheSessionStays()
            throws Exception {
        Platform platform = connectedDevice();
        SmartClient client = service(SmartClient.class);
        Session session = Session.of(platform, client);
        Bundle health = bundle("trin.health");
        int published;

        try (NumberedData data = NumberedData.start(client)) {
            data.awaitMore(20);
            assertTrue(platform.fullData("running").has("cpu_usg"));

            health.stop();
            JsonNode stopped = platform.fullData("stopped");
            assertFalse("cpu_usg without trin.health: " + stopped, stopped.has("cpu_usg"));
            assertFalse("mem without trin.health: " + stopped, stopped.has("mem"));

            health.update();
            health.start();
            awaitService(SYSTEM_HEALTH);
            assertTrue(platform.fullData("started").has("cpu_usg"));

            health.update(); // while active: stopped, updated, started by the framework
            awaitService(SYSTEM_HEALTH);
            JsonNode updated = platform.fullData("updated");
            assertTrue("cpu_usg after the update: " + updated, updated.has("cpu_usg"));
            assertTrue("mem after the update: " + updated, updated.path("mem").has("percent"));
            data.awaitMore(20);
            published = data.published();
        }

        session.assertStayed(platform);
        assertNothingLost(platform, published);
    }

    /**
     * Without its hardware bundle the session goes on under the identity it started with; the
     * identity comes back with the bundle, and so does what needs it (the registrar).
     */
    @Test
    public void givenARunningSession_whenTheIdentityBundleIsStoppedUpdatedAndStarted_thenTheSessionStays()
            throws Exception {
        Platform platform = connectedDevice();
        SmartClient client = service(SmartClient.class);
        Session session = Session.of(platform, client);
        Bundle linux = bundle("trin.hw.linux");
        int published;

        try (NumberedData data = NumberedData.start(client)) {
            data.awaitMore(20);
            linux.stop();
            assertEquals(0, references(DeviceIdentity.class).size());
            assertEquals(0, references(Registrar.class).size());
            assertEquals(Platform.UID, platform.call("0", "stopped", "get", "uid").path(2).asText());

            linux.update();
            linux.start();
            awaitService("(objectClass=" + Registrar.class.getName() + ")");
            assertEquals(Platform.UID, context.getService(references(DeviceIdentity.class).get(0)).uid());
            assertEquals(Platform.UID, platform.call("0", "started", "get", "uid").path(2).asText());

            linux.update();
            awaitService("(objectClass=" + Registrar.class.getName() + ")");
            assertEquals(true, platform.call("0", "updated", "get", "connected").path(2).asBoolean());
            data.awaitMore(20);
            published = data.published();
        }

        session.assertStayed(platform);
        assertNothingLost(platform, published);
    }

    /** The application's PID and its part of the reports follow its bundle. */
    @Test
    public void givenARunningSession_whenTheHandlerBundleIsStoppedUpdatedAndStarted_thenItsPidFollowsIt()
            throws Exception {
        Platform platform = connectedDevice();
        SmartClient client = service(SmartClient.class);
        Session session = Session.of(platform, client);
        Bundle examples = installExamples();
        int published;

        try (NumberedData data = NumberedData.start(client)) {
            data.awaitMore(20);
            assertEquals("[0,0,3]", platform.call("my_app_id", "running", "sum_these", 1, 2).toString());
            assertTrue(platform.fullData("running-report").has("my_app_id"));

            examples.stop();
            assertEquals(-19, platform.call("my_app_id", "stopped", "sum_these", 1, 2).path(1).asInt());
            assertFalse(platform.fullData("stopped-report").has("my_app_id"));

            examples.update();
            examples.start();
            awaitService(SAMPLE_HANDLER);
            assertEquals("[0,0,7]", platform.call("my_app_id", "started", "sum_these", 3, 4).toString());
            assertTrue(platform.fullData("started-report").has("my_app_id"));

            examples.update();
            awaitService(SAMPLE_HANDLER);
            assertEquals("[0,0,11]", platform.call("my_app_id", "updated", "sum_these", 5, 6).toString());
            data.awaitMore(20);
            published = data.published();
        }

        session.assertStayed(platform);
        assertNothingLost(platform, published);
    }

    /**
     * What shows that a session goes on: no connect or goodbye (last will) event, no login, no reconnect
     * since it was taken. (Taken after the first connect, which the broker may have refused once: see
     * {@link Platform#connectProbe}.)
     */
    private record Session(SmartClient client, int connects, int goodbyes, long logins, long reconnects) {

        static Session of(Platform platform, SmartClient client) {
            return new Session(client, platform.connects().size(), platform.goodbyes().size(), logins(platform),
                    client.status().counters().reconnects());
        }

        void assertStayed(Platform platform) {
            assertEquals("connect events", connects, platform.connects().size());
            assertEquals("goodbye events", goodbyes, platform.goodbyes().size());
            assertEquals("logins of the device", logins, logins(platform));
            assertEquals("reconnects", reconnects, client.status().counters().reconnects());
            assertEquals(ConnectionState.CONNECTED, client.status().state());
        }

        private static long logins(Platform platform) {
            return platform.broker().logins().stream().filter(l -> l.clientId().equals(Platform.UID)).count();
        }
    }

    private static void assertNothingLost(Platform platform, int published) throws InterruptedException {
        Set<Integer> missing = NumberedData.missing(platform, published);
        assertEquals("of " + published + " numbered data, missing", Set.of(), missing);
    }
}
