package trin.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

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

import trin.testkit.JarEdits;
import trin.testkit.MqttProbe;
import trin.testkit.ReleaseKey;

/**
 * {@code upgrade_client} updates every trin bundle in place from {@code upgradeLocation} and refreshes
 * them: the reply goes out first, the session comes back, in the same framework and JVM. A new client
 * that cannot resolve, or that resolves but never connects, is replaced by the previous one by itself;
 * a jar that does not match its published SHA-256, or that the owner's key (configuration {@code upgradeTrust})
 * did not sign, entry by entry, is refused before anything changes. The jars are signed in the test, with a key
 * made there ({@link ReleaseKey}), as an owner signs a release.
 *
 * <p>The refresh restarts every bundle wired to a trin bundle. This test (and {@link TrinTestSupport},
 * {@link Platform}) therefore never uses a {@code trin.api} type: the probe running it must not be
 * wired to trin.api, or it would be restarted under the running test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class UpgradeIT extends TrinTestSupport {

    /** The events of trin.api's EventCodes, not used from there: see the class comment. */
    private static final int UPGRADED = 104;
    private static final int ROLLED_BACK = 105;

    /** Refused upgrades asked so far in this test: each gets tokens of its own. */
    private int attempts;

    /** Mosquitto: this test restarts the session while QoS 1 messages flow (see {@link Platform#onMosquitto()}). */
    @Override
    protected Platform startPlatform() throws Exception {
        return Platform.onMosquitto();
    }


    @Test
    public void givenJarsInTheUpgradeLocation_whenTheServerSendsUpgradeClient_thenTheBundlesAreUpdatedInPlace()
            throws Exception {
        Path upgrades = Files.createDirectories(dir().resolve("upgrades"));
        ReleaseKey owner = ReleaseKey.generate(dir().resolve("release-keys"), "owner");
        Platform platform = connectedDevice(Map.of("upgradeLocation", upgrades.toString(),
                "upgradeTrust", owner.certificate().toString()));
        installExamples();
        assertProbeNotWiredToTrin();
        Map<String, Long> ids = new TreeMap<>();
        Map<String, Long> modified = new TreeMap<>();
        for (Bundle bundle : trinBundles()) {
            // The upgrader loads <upgradeLocation>/<bundle-symbolic-name>.jar.
            Path jar = owner.sign(Files.copy(jar(bundle.getSymbolicName()),
                    upgrades.resolve(bundle.getSymbolicName() + ".jar"), StandardCopyOption.REPLACE_EXISTING));
            // Published as sha256sum writes it: checked, and matching.
            Files.writeString(upgrades.resolve(jar.getFileName() + ".sha256"), sha256(jar) + "  " + jar.getFileName());
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
        // The new client, once connected, says the upgrade is done (event 104).
        JsonNode upgraded = event(platform.awaitMessages(m -> Platform.isEvent(m, UPGRADED), 1).get(0), UPGRADED);
        assertTrue(upgraded.toString(), upgraded.path(2).asText().startsWith("Upgraded: trin.api "));
        assertEquals(0, platform.events(ROLLED_BACK));
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

    @Test
    public void givenANewClientThatCannotResolve_whenTheServerSendsUpgradeClient_thenThePreviousOneComesBack()
            throws Exception {
        // A long trial: the rollback must come from the failed start, not from the deadline.
        String reason = upgradeToBrokenClient(600, "Import-Package", "trin.client.not.there");

        assertTrue(reason, reason.contains("trin.client did not start"));
    }

    @Test
    public void givenANewClientThatNeverConnects_whenTheTrialEnds_thenThePreviousOneComesBack() throws Exception {
        // Resolves and starts, and has no client in it: nothing connects.
        String reason = upgradeToBrokenClient(3, "Bundle-Description", "a client that never connects");

        assertTrue(reason, reason.contains("the client did not connect within 3 s"));
    }

    @Test
    public void givenAJarThatDoesNotMatchItsSha256_whenTheServerSendsUpgradeClient_thenItIsRefusedAndNothingChanges()
            throws Exception {
        Path upgrades = Files.createDirectories(dir().resolve("upgrades"));
        ReleaseKey owner = ReleaseKey.generate(dir().resolve("release-keys"), "owner");
        Platform platform = connectedDevice(Map.of("upgradeLocation", upgrades.toString(),
                "upgradeTrust", owner.certificate().toString()));
        Path jar = owner.sign(Files.copy(jar("trin.client"), upgrades.resolve("trin.client.jar")));
        Files.writeString(upgrades.resolve("trin.client.jar.sha256"), "0".repeat(64) + "  trin.client.jar\n");
        long modified = bundle("trin.client").getLastModified();

        JsonNode reply = platform.call("0", "up", "upgrade_client");

        assertEquals(reply.toString(), -18, reply.path(1).asInt());
        assertEquals("NAC upgrade refused: trin.client.jar does not match its SHA-256 (" + jar.toUri()
                + ".sha256): " + sha256(jar) + " instead of " + "0".repeat(64), reply.path(2).asText());
        // Still the same session, and the same bundle.
        assertEquals(true, platform.call("0", "after", "get", "connected").path(2).asBoolean());
        assertEquals(0, platform.goodbyes().size());
        assertEquals(modified, bundle("trin.client").getLastModified());
        assertEquals(Bundle.ACTIVE, bundle("trin.client").getState());
    }

    @Test
    public void givenJarsTheOwnerDidNotSign_whenTheServerSendsUpgradeClient_thenEachIsRefusedAndNothingChanges()
            throws Exception {
        Path upgrades = Files.createDirectories(dir().resolve("upgrades"));
        Path keys = dir().resolve("release-keys");
        // Configured before the owner's certificate is there: a trust file that cannot be read.
        Path trust = keys.resolve("owner.pem");
        Platform platform = connectedDevice(Map.of("upgradeLocation", upgrades.toString(),
                "upgradeTrust", trust.toString()));
        Path client = upgrades.resolve("trin.client.jar");
        Path release = dir().resolve("release.jar");
        Files.copy(jar("trin.client"), release);
        Files.copy(release, client);
        long modified = bundle("trin.client").getLastModified();

        assertRefused(platform, client, modified, "NAC upgrade refused: upgradeTrust " + trust
                + " cannot be read: java.nio.file.NoSuchFileException: " + trust);

        ReleaseKey owner = ReleaseKey.generate(keys, "owner");
        ReleaseKey stranger = ReleaseKey.generate(keys, "stranger");
        assertRefused(platform, client, modified, "NAC upgrade refused: trin.client.jar is not signed");
        stranger.sign(release, client);
        assertRefused(platform, client, modified, "NAC upgrade refused: trin.client.jar is signed by CN=stranger");
        Path signed = owner.sign(release);
        JarEdits.withEntryAdded(signed, client, "trin/client/internal/Added.class", new byte[] {(byte) 0xca});
        assertRefused(platform, client, modified, "NAC upgrade refused: trin.client.jar holds "
                + "trin/client/internal/Added.class not signed: added after signing");
        String firstClass = JarEdits.firstClass(signed);
        JarEdits.withEntryChanged(signed, client, firstClass, new byte[] {(byte) 0xca, (byte) 0xfe});
        assertRefused(platform, client, modified,
                "NAC upgrade refused: trin.client.jar was changed after it was signed: ");
        JarEdits.withoutSignature(signed, client);
        assertRefused(platform, client, modified, "NAC upgrade refused: trin.client.jar is not signed");

        // The owner's own jar, through the same session: past every check (and kept as it is, being the same).
        Files.copy(signed, client, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(upgrades.resolve("trin.client.jar.sha256"), sha256(client) + "  trin.client.jar\n");
        assertEquals("[0,0,\"OK. Upgrading the client.\"]", platform.call("0", "signed", "upgrade_client").toString());
        platform.awaitMessages(m -> Platform.isEvent(m, UPGRADED), 1);
    }

    @Test
    public void givenNoUpgradeTrust_whenTheServerSendsUpgradeClient_thenItIsRefusedSayingWhy() throws Exception {
        Path upgrades = Files.createDirectories(dir().resolve("upgrades"));
        Platform platform = connectedDevice(Map.of("upgradeLocation", upgrades.toString()));
        Path client = ReleaseKey.generate(dir().resolve("release-keys"), "owner")
                .sign(Files.copy(jar("trin.client"), upgrades.resolve("trin.client.jar")));
        long modified = bundle("trin.client").getLastModified();

        assertRefused(platform, client, modified, "NAC upgrade refused: no upgradeTrust configured: upgrades are "
                + "installed only when signed by a key the gateway trusts");
    }

    /**
     * Publishes the jar's SHA-256 beside it (the download is intact: only the signature is wrong), sends
     * {@code upgrade_client}, and checks the refusal and that nothing changed: the same session, the same
     * client bundle, active, and nothing left staged in its data area.
     */
    private void assertRefused(Platform platform, Path jar, long modified, String reason) throws Exception {
        Files.writeString(jar.resolveSibling(jar.getFileName() + ".sha256"), sha256(jar) + "  " + jar.getFileName());
        int goodbyes = platform.goodbyes().size();
        int attempt = ++attempts;

        JsonNode reply = platform.call("0", "up-" + attempt, "upgrade_client");

        assertEquals(reply.toString(), -18, reply.path(1).asInt());
        assertTrue(reply + " starts with " + reason, reply.path(2).asText().startsWith(reason));
        assertEquals(true, platform.call("0", "after-" + attempt, "get", "connected").path(2).asBoolean());
        assertEquals(goodbyes, platform.goodbyes().size());
        Bundle client = bundle("trin.client");
        assertEquals(modified, client.getLastModified());
        assertEquals(Bundle.ACTIVE, client.getState());
        Path staged = client.getBundleContext().getDataFile("upgrade").toPath().resolve("staged");
        assertTrue("nothing staged in " + staged, !Files.exists(staged));
    }

    /**
     * Sends {@code upgrade_client} with a broken client in the upgrade location (a bundle {@code trin.client}
     * 99.0.0 with one more header), and waits for the rollback's event (105). Checks that the previous client
     * runs again, and that the platform saw one goodbye and one connect. Returns the event's text.
     */
    private String upgradeToBrokenClient(int rollbackAfter, String header, String value) throws Exception {
        Path upgrades = Files.createDirectories(dir().resolve("upgrades"));
        ReleaseKey owner = ReleaseKey.generate(dir().resolve("release-keys"), "owner");
        Platform platform = connectedDevice(Map.of("upgradeLocation", upgrades.toString(),
                "upgradeTrust", owner.certificate().toString(), "upgradeRollbackAfter", rollbackAfter));
        // Signed by the owner: a release that passes every check and still does not work.
        owner.sign(bundleJar(upgrades.resolve("trin.client.jar"), header, value));
        Bundle client = bundle("trin.client");
        String version = client.getVersion().toString();
        long id = client.getBundleId();
        platform.command("0", "up", "upgrade_client");
        MqttProbe.Received reply = platform.awaitReplyMessage("0", "up");
        assertEquals("[0,0,\"OK. Upgrading the client.\"]", Platform.json(reply).path("x").toString());

        MqttProbe.Received rolledBack = platform.awaitMessages(m -> Platform.isEvent(m, ROLLED_BACK), 1).get(0);
        String text = event(rolledBack, ROLLED_BACK).path(2).asText();
        assertTrue(text, text.contains("trin.client " + version + " -> 99.0.0"));
        assertEquals(true, platform.call("0", "after", "get", "connected").path(2).asBoolean());
        assertEquals(id, bundle("trin.client").getBundleId());
        assertEquals(version, bundle("trin.client").getVersion().toString());
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : trinBundles()) {
            if (bundle.getState() != Bundle.ACTIVE) {
                problems.add(bundle.getSymbolicName() + " is in state " + bundle.getState());
            }
        }
        assertEquals("after the rollback", List.of(), problems);
        List<MqttProbe.Received> goodbyes = after(reply, platform.goodbyes());
        List<MqttProbe.Received> connects = after(reply, platform.connects());
        assertEquals("goodbyes after the reply: " + goodbyes, 1, goodbyes.size());
        assertEquals("connects after the reply: " + connects, 1, connects.size());
        assertEquals(0, platform.events(UPGRADED));
        return text;
    }

    private static List<MqttProbe.Received> after(MqttProbe.Received first, List<MqttProbe.Received> messages) {
        return messages.stream().filter(m -> m.index() > first.index()).toList();
    }

    /** The event of that code in an {@code e} message, {@code [sse, code, text]}. */
    private static JsonNode event(MqttProbe.Received message, int code) {
        for (JsonNode event : Platform.json(message).path("e").path(1)) {
            if (event.path(1).asInt() == code) {
                return event;
            }
        }
        throw new AssertionError("no event " + code + " in " + message);
    }

    /** A bundle {@code trin.client} 99.0.0 with one more header: not a client at all. */
    private static Path bundleJar(Path target, String header, String value) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "trin.client");
        main.putValue("Bundle-Version", "99.0.0");
        main.putValue(header, value);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target), manifest)) {
            jar.putNextEntry(new JarEntry("README.txt"));
            jar.write("A broken upgrade, for UpgradeIT.\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return target;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
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
