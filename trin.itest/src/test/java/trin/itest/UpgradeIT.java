package trin.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

import com.fasterxml.jackson.databind.JsonNode;

import trin.testkit.MqttProbe;

/**
 * {@code upgrade_client} updates every trin bundle in place from {@code upgradeLocation} and refreshes
 * them: the reply goes out first, the session comes back, in the same framework and JVM.
 *
 * <p>The refresh restarts every bundle wired to a trin bundle. This test (and {@link TrinTestSupport},
 * {@link Platform}) therefore never uses a {@code trin.api} type: the probe running it must not be
 * wired to trin.api, or it would be restarted under the running test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class UpgradeIT extends TrinTestSupport {

    /** Mosquitto: this test restarts the session while QoS 1 messages flow (see {@link Platform#onMosquitto()}). */
    @Override
    protected Platform startPlatform() throws Exception {
        return Platform.onMosquitto();
    }


    @Test
    public void givenJarsInTheUpgradeLocation_whenTheServerSendsUpgradeClient_thenTheBundlesAreUpdatedInPlace()
            throws Exception {
        Path upgrades = Files.createDirectories(dir().resolve("upgrades"));
        Platform platform = connectedDevice(Map.of("upgradeLocation", upgrades.toString()));
        installExamples();
        assertProbeNotWiredToTrin();
        Map<String, Long> ids = new TreeMap<>();
        Map<String, Long> modified = new TreeMap<>();
        for (Bundle bundle : trinBundles()) {
            // The upgrader loads <upgradeLocation>/<bundle-symbolic-name>.jar.
            Files.copy(jar(bundle.getSymbolicName()), upgrades.resolve(bundle.getSymbolicName() + ".jar"),
                    StandardCopyOption.REPLACE_EXISTING);
            ids.put(bundle.getSymbolicName(), bundle.getBundleId());
            modified.put(bundle.getSymbolicName(), bundle.getLastModified());
        }
        assertEquals(7, ids.size());

        platform.command("0", "up", "upgrade_client");

        MqttProbe.Received reply = platform.awaitReplyMessage("0", "up");
        assertEquals("[0,0,\"OK. Upgrading the client.\"]", Platform.json(reply).path("x").toString());
        // Updated, then refreshed: no bundle keeps an old revision in use.
        FrameworkWiring frameworkWiring = context.getBundle(0).adapt(FrameworkWiring.class);
        await(() -> "every trin bundle updated and refreshed; updated: " + updated(modified)
                + "; bundles with a revision pending removal: " + frameworkWiring.getRemovalPendingBundles(),
                () -> updated(modified).size() == modified.size()
                        && frameworkWiring.getRemovalPendingBundles().isEmpty());
        platform.awaitAnswer(connected -> connected.path(2).asBoolean(), "0", "get", "connected");
        MqttProbe.Received goodbye = platform.goodbyes().get(0);
        List<MqttProbe.Received> connects = platform.connects();
        MqttProbe.Received reconnect = connects.get(connects.size() - 1);
        assertTrue("the reply (" + reply + ") before the goodbye (" + goodbye + ")", reply.index() < goodbye.index());
        assertTrue("a connect (" + reconnect + ") after the goodbye", goodbye.index() < reconnect.index());

        List<String> problems = new ArrayList<>();
        for (Bundle bundle : trinBundles()) {
            String name = bundle.getSymbolicName();
            if (bundle.getBundleId() != ids.get(name)) {
                problems.add(name + " was installed anew");
            }
            if (bundle.getLastModified() <= modified.get(name)) {
                problems.add(name + " was not updated");
            }
            if (bundle.getState() != Bundle.ACTIVE) {
                problems.add(name + " is in state " + bundle.getState());
            }
        }
        assertEquals("after upgrade_client", List.of(), problems);
        // The new revisions answer: the client's built-in commands and the application.
        assertEquals(true, platform.call("0", "after", "get", "connected").path(2).asBoolean());
        JsonNode sum = platform.call("my_app_id", "sum", "sum_these", 2, 3);
        assertEquals("[0,0,5]", sum.toString());
        assertProbeNotWiredToTrin();
    }

    /** The trin bundles whose last modification is later than the one recorded. */
    private List<String> updated(Map<String, Long> modified) {
        return trinBundles().stream().filter(b -> b.getLastModified() > modified.get(b.getSymbolicName()))
                .map(Bundle::getSymbolicName).toList();
    }

    /** See the class comment: a wire to a trin bundle would put this test's own bundle in the refresh. */
    private static void assertProbeNotWiredToTrin() {
        Bundle probe = FrameworkUtil.getBundle(UpgradeIT.class);
        for (BundleWire wire : probe.adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            String provider = wire.getProvider().getSymbolicName();
            assertTrue("the test probe imports " + wire.getCapability().getAttributes() + " from " + provider,
                    !provider.startsWith("trin."));
        }
    }
}
