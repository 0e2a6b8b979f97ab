package trin.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.service.metatype.MetaTypeService;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * trin in Eclipse Kura 5.6's framework ({@link Kura5Support}), installed from its deployment package:
 * it resolves and starts there, talks to a real broker, and its configurations are what Kura's
 * configuration service and web UI need.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class Kura5IT extends Kura5Support {

    /** The configuration PIDs of the deployment package's bundles. */
    private static final Set<String> PIDS = Set.of("trin.kura", "trin.client", "trin.crypto", "trin.health", "trin.hw.linux",
            "trin.hw.raspberrypi", "trin.hw.raspberrypi.health", "trin.metrics");

    /** The component that registers /trin/metrics with a jakarta servlet whiteboard, which Kura 5 does not run. */
    private static final String METRICS_HTTP = "trin.metrics.internal.MetricsHttp";

    /** The AD types Kura's metatype reader accepts (its Tscalar); any other fails the whole file there. */
    private static final Set<String> KURA_TYPES = Set.of("String", "Long", "Double", "Float", "Integer", "Byte",
            "Char", "Boolean", "Short", "Password");

    @Test
    public void givenTheDeploymentPackage_whenDeploymentAdminInstallsIt_thenEveryBundleIsActiveAndEveryComponentSatisfied()
            throws Exception {
        connectedDevice();

        DeploymentPackage dp = service(DeploymentAdmin.class).getDeploymentPackage("trin");
        assertNotNull("DeploymentAdmin knows the package trin", dp);
        Set<String> deployed = new TreeSet<>();
        for (BundleInfo info : dp.getBundleInfos()) {
            deployed.add(info.getSymbolicName());
        }
        assertEquals(new TreeSet<>(DEPLOYED), deployed);

        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE) {
                notActive.add(bundle.getSymbolicName() + " in state " + bundle.getState());
            }
        }
        assertEquals("bundles not active", List.of(), notActive);

        // The components run on Kura's SCR 2.1.16 (DS 1.4): none unsatisfied, none failed.
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        Map<String, String> states = new TreeMap<>();
        for (Bundle bundle : trinBundles()) {
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                List<String> bad = new ArrayList<>();
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(description)) {
                    if (METRICS_HTTP.equals(description.name)) {
                        // Kura 5 has no jakarta servlet whiteboard: /trin/metrics waits for one, the textfile works
                        if (c.state != ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                            bad.add("state " + c.state + " where no servlet whiteboard runs");
                        }
                        continue;
                    }
                    if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                        bad.add("state " + c.state + (c.failure == null ? "" : " " + c.failure));
                    }
                }
                if (scr.getComponentConfigurationDTOs(description).isEmpty()) {
                    bad.add("no configuration");
                }
                states.put(description.name, bad.isEmpty() ? "OK" : bad.toString());
            }
        }
        assertTrue("components found: " + states, states.keySet().containsAll(List.of(
                "trin.client.internal.SmartClientComponent", "trin.crypto.credentials", "trin.health.internal.SystemHealth",
                "trin.hw.linux.internal.LinuxIdentity", "trin.hw.raspberrypi.internal.PiIdentityRegistrar",
                "trin.kura.internal.KuraConfigurables", "trin.metrics.internal.TrinMetrics",
                "trin.metrics.internal.TextfileWriter", METRICS_HTTP)));
        Map<String, String> notOk = new TreeMap<>(states);
        notOk.values().removeIf("OK"::equals);
        assertEquals("components not satisfied", Map.of(), notOk);

        // Wired to Kura's SCR, its slf4j-api 1.7.36, and the package's Paho
        BundleWiring client = bundle("trin.client").adapt(BundleWiring.class);
        assertEquals("org.apache.felix.scr", provider(client, "osgi.extender", "osgi.component"));
        assertEquals("slf4j.api", provider(client, PackageNamespace.PACKAGE_NAMESPACE, "org.slf4j"));
        assertEquals("org.eclipse.paho.client.mqttv3",
                provider(client, PackageNamespace.PACKAGE_NAMESPACE, "org.eclipse.paho.client.mqttv3"));
        assertEquals("2.1.16", bundle("org.apache.felix.scr").getVersion().toString());
        assertEquals("3.16.0", context.getBundle(0).getVersion().toString().substring(0, 6));
    }

    @Test
    public void givenTheDeploymentPackage_thenTheDeviceConnects_answersACommand_andReportsOshiHealth() throws Exception {
        Platform platform = connectedDevice();

        assertEquals(102, Platform.json(platform.connects().get(0)).path("e").path(1).path(0).path(1).asInt());
        JsonNode reply = platform.call("0", "kura-get", "get", "pdr_interval");
        assertEquals("reply " + reply, 0, reply.path(1).asInt());
        assertEquals("3600", reply.path(2).asText());
        // OSHI's readings, through JNA's native code in this framework
        JsonNode dump = platform.awaitConnectDump();
        assertTrue("cpu_usg in " + dump, dump.path("cpu_usg").isNumber());
        assertTrue("mem.total > 0 in " + dump, dump.path("mem").path("total").asLong() > 0);
        assertTrue("top_5_proc in " + dump, dump.path("top_5_proc").isArray() && dump.path("top_5_proc").size() > 0);
    }

    /**
     * What Kura's configuration service needs to list a configuration in its web UI: a
     * ConfigurableComponent with service.pid and kura.service.pid, and a metatype file it can read, read
     * here as Kura reads it (MetaTypeService for the PIDs of a bundle, then OSGI-INF/metatype/PID.xml
     * with a DOM: the root's OCD and Designate children by name, AD types of Kura's list).
     */
    @Test
    public void givenTheDeploymentPackage_thenEveryTrinPidIsAKuraConfigurableComponent_withMetatypeKuraReads()
            throws Exception {
        connectedDevice();

        assertEquals(PIDS, configurables().keySet());
        for (Map.Entry<String, ServiceReference<?>> entry : configurables().entrySet()) {
            assertEquals(entry.getKey(), entry.getValue().getProperty(Constants.SERVICE_PID));
            assertTrue(context.getService(entry.getValue()) instanceof ConfigurableComponent);
            context.ungetService(entry.getValue());
        }

        MetaTypeService metatype = service(MetaTypeService.class);
        Set<String> described = new TreeSet<>();
        for (Bundle bundle : trinBundles()) {
            for (String pid : metatype.getMetaTypeInformation(bundle).getPids()) {
                URL file = bundle.getEntry("OSGI-INF/metatype/" + pid + ".xml");
                assertNotNull(bundle.getSymbolicName() + " has OSGI-INF/metatype/" + pid + ".xml", file);
                checkAsKuraReadsIt(pid, file);
                described.add(pid);
            }
        }
        assertTrue("described: " + described, described.containsAll(PIDS));
    }

    /** In Kura nothing of trin listens: the metrics go to node_exporter's textfile, configured under trin.metrics. */
    @Test
    public void givenATextfileConfigured_thenTheMetricsAreWrittenThere_withTheSessionConnected() throws Exception {
        connectedDevice();
        Path textfile = dir().resolve("trin.prom");

        configure("trin.metrics", Map.of("textfile", textfile.toString(), "textfileInterval", 1));

        await(() -> "trin_connected 1 in " + textfile, () -> {
            try {
                return Files.exists(textfile) && Files.readString(textfile).contains("\ntrin_connected 1\n");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertTrue(Files.readString(textfile).contains("# TYPE trin_messages_sent_total counter\n"));
    }

    /** A configuration appears with the bundle that describes it and goes with it. */
    @Test
    public void givenAnApplicationBundle_thenItsPidIsOfferedToKuraWhileItIsThere() throws Exception {
        connectedDevice();
        assertFalse(configurables().containsKey("trin.examples.sample"));

        Bundle examples = installExamples();
        await(() -> "configurables " + configurables().keySet(), () -> configurables().containsKey("trin.examples.sample"));
        checkAsKuraReadsIt("trin.examples.sample", examples.getEntry("OSGI-INF/metatype/trin.examples.sample.xml"));

        examples.uninstall();
        assertFalse(configurables().containsKey("trin.examples.sample"));
    }

    /**
     * An application made from trin's archetype (trin.app.itest generates and builds it) brings its own
     * deployment package: installed after trin's, as Kura's UI would, its bundle runs, answers on the
     * device, and its configuration PID is offered to Kura, although trin.kura's configuration names it nowhere.
     */
    @Test
    public void givenAnApplicationsOwnDeploymentPackage_whenInstalledAfterTrins_thenItAnswers_andItsPidIsConfigurableInKura()
            throws Exception {
        Platform platform = connectedDevice();
        String pid = "com.example.myapp";
        assertFalse(configurables().containsKey(pid));

        DeploymentPackage app;
        try (InputStream in = Files.newInputStream(applicationDp())) {
            app = service(DeploymentAdmin.class).installDeploymentPackage(in);
        }

        assertEquals(pid, app.getName());
        assertEquals(1, app.getBundleInfos().length);
        assertEquals(Bundle.ACTIVE, bundle(pid).getState());
        await(() -> "configurables " + configurables().keySet(), () -> configurables().containsKey(pid));
        assertEquals(pid, configurables().get(pid).getProperty(Constants.SERVICE_PID));
        checkAsKuraReadsIt(pid, bundle(pid).getEntry("OSGI-INF/metatype/" + pid + ".xml"));
        assertEquals("abc", platform.awaitAnswer(Platform.resultIs("abc"), "my_app", "echo", "abc").path(2).asText());

        app.uninstall();
        assertFalse(configurables().containsKey(pid));
    }

    /** The generated application's .dp, which trin.app.itest leaves behind (trin.itest.applicationDp). */
    private static Path applicationDp() {
        String path = System.getProperty("trin.itest.applicationDp");
        Path dp = path == null ? null : Path.of(path);
        if (dp == null || !Files.isRegularFile(dp)) {
            throw new IllegalStateException("no application deployment package at " + path
                    + ": trin.app.itest's ArchetypeIT makes it (mvn verify -pl trin.itest -am)");
        }
        return dp;
    }

    /**
     * An edit in Kura's web UI: Kura maps kura.service.pid to service.pid, merges the form's values into
     * the configuration and updates it through ConfigurationAdmin. The client takes the new value, with
     * no bundle restarted.
     */
    @Test
    public void givenAKuraEditOfTrinClient_whenConfigAdminUpdatesIt_thenTheClientTakesTheNewValue() throws Exception {
        Platform platform = connectedDevice();
        assertEquals("3600", platform.call("0", "before", "get", "pdr_interval").path(2).asText());
        long clientId = bundle("trin.client").getBundleId();
        long clientStarted = bundle("trin.client").getLastModified();

        String servicePid = (String) configurables().get("trin.client").getProperty(Constants.SERVICE_PID);
        Configuration configuration = configAdmin.getConfiguration(servicePid, "?");
        Dictionary<String, Object> merged = new Hashtable<>();
        for (String key : Collections.list(configuration.getProperties().keys())) {
            merged.put(key, configuration.getProperties().get(key));
        }
        merged.put("pdrInterval", Integer.valueOf(7200));
        merged.put("kura.service.pid", "trin.client");
        configuration.update(merged);

        // (Platform's condition: a lambda on Jackson's JsonNode in this class would need Jackson before the package)
        platform.awaitAnswer(Platform.resultIs("7200"), "0", "get", "pdr_interval");
        assertEquals(Bundle.ACTIVE, bundle("trin.client").getState());
        assertEquals(clientId, bundle("trin.client").getBundleId());
        assertEquals(clientStarted, bundle("trin.client").getLastModified());
    }

    // Kura's view

    /** The ConfigurableComponent services by kura.service.pid, as Kura's tracker sees them. */
    private Map<String, ServiceReference<?>> configurables() {
        Map<String, ServiceReference<?>> byPid = new TreeMap<>();
        ServiceReference<?>[] references;
        try {
            references = context.getServiceReferences(ConfigurableComponent.class.getName(), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (references != null) {
            for (ServiceReference<?> reference : references) {
                Object kuraPid = reference.getProperty("kura.service.pid");
                assertNotNull("kura.service.pid of " + reference, kuraPid);
                assertNull("two for " + kuraPid, byPid.put((String) kuraPid, reference));
            }
        }
        return byPid;
    }

    /**
     * Reads a metatype file as Kura 5's configuration service does, and checks what it would need: an
     * OCD whose id is the PID, a Designate of the PID pointing at it, types Kura knows, names and
     * descriptions for a form, and no required attribute that the form would have to leave empty.
     */
    private static void checkAsKuraReadsIt(String pid, URL file) throws Exception {
        Document document;
        try (InputStream in = file.openStream()) {
            document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        Element ocd = null;
        Element designate = null;
        for (Element child : children(document.getDocumentElement())) {
            if (child.getNodeName().equals("OCD") && pid.equals(child.getAttribute("id"))) {
                ocd = child;
            } else if (child.getNodeName().equals("Designate") && pid.equals(child.getAttribute("pid"))) {
                designate = child;
            }
        }
        assertNotNull(pid + ": a top-level OCD with id " + pid + " in " + file, ocd);
        assertNotNull(pid + ": a top-level Designate of " + pid, designate);
        List<Element> objects = children(designate);
        assertEquals(pid + ": Designate/Object ocdref", pid, objects.get(0).getAttribute("ocdref"));
        assertFalse(pid + ": OCD name", ocd.getAttribute("name").isBlank());
        assertFalse(pid + ": OCD description", ocd.getAttribute("description").isBlank());
        List<Element> ads = children(ocd).stream().filter(e -> e.getNodeName().equals("AD")).toList();
        assertFalse(pid + ": attributes", ads.isEmpty());
        for (Element ad : ads) {
            String id = pid + "." + ad.getAttribute("id");
            assertTrue(id + " type " + ad.getAttribute("type"), KURA_TYPES.contains(ad.getAttribute("type")));
            assertFalse(id + " name", ad.getAttribute("name").isBlank());
            assertFalse(id + " description", ad.getAttribute("description").isBlank());
            boolean required = !"false".equals(ad.getAttribute("required"));
            assertFalse(id + " is required but its default is empty: Kura's form could not be saved as it is",
                    required && ad.getAttribute("default").isEmpty());
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static String provider(BundleWiring wiring, String namespace, String name) {
        for (BundleWire wire : wiring.getRequiredWires(namespace)) {
            if (name.equals(wire.getCapability().getAttributes().get(namespace))) {
                return wire.getProvider().getSymbolicName();
            }
        }
        return null;
    }
}
