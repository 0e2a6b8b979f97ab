package trin.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

import trin.api.device.DeviceIdentity;

/** The bundles resolve, start and wire in the framework, and every trin component activates. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class BundlesIT extends TrinTestSupport {

    /** Components whose absence would mean a bundle lost its Service-Component header. */
    private static final Set<String> EXPECTED_COMPONENTS = Set.of(
            "trin.crypto.credentials", "trin.crypto.registrar", "trin.crypto.command",
            "trin.hw.linux.internal.LinuxIdentity",
            "trin.hw.raspberrypi.internal.PiIdentityRegistrar",
            "trin.hw.raspberrypi.internal.PiFirmwareHealthRegistrar",
            "trin.health.internal.SystemHealth",
            "trin.client.internal.SmartClientComponent", "trin.client.internal.shell.ClientCommands",
            "trin.examples.sample.SampleApplication");

    @Test
    public void givenAConnectedDevice_thenEveryBundleIsActive() throws Exception {
        connectedDevice();
        installExamples();

        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE) {
                notActive.add(bundle.getSymbolicName() + " " + state(bundle.getState()));
            }
        }
        assertEquals("bundles not active", List.of(), notActive);
        Set<String> trin = new TreeSet<>();
        trinBundles().forEach(b -> trin.add(b.getSymbolicName()));
        assertEquals(new TreeSet<>(List.of("trin.api", "trin.client", "trin.crypto", "trin.examples", "trin.health",
                "trin.hw.linux", "trin.hw.raspberrypi")), trin);
    }

    /**
     * Immediate components must be active. Delayed ones (services nobody has asked for yet: the shell
     * commands, the registrar) are satisfied: the test asks for their service, which must activate them.
     */
    @Test
    public void givenAConnectedDevice_thenEveryTrinComponentActivates() throws Exception {
        connectedDevice();
        installExamples();
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);

        Map<String, String> states = new TreeMap<>();
        for (Bundle bundle : trinBundles()) {
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                assertTrue(description.name + " is not enabled", scr.isComponentEnabled(description));
                List<ComponentConfigurationDTO> configurations =
                        new ArrayList<>(scr.getComponentConfigurationDTOs(description));
                if (configurations.size() == 1 && configurations.get(0).state == ComponentConfigurationDTO.SATISFIED
                        && description.serviceInterfaces.length > 0) {
                    activateByUse(configurations.get(0));
                    configurations = new ArrayList<>(scr.getComponentConfigurationDTOs(description));
                }
                states.put(description.name, describe(configurations));
            }
        }

        assertEquals("components found", new TreeSet<>(EXPECTED_COMPONENTS), states.keySet());
        Map<String, String> notActive = new TreeMap<>(states);
        notActive.values().removeIf("ACTIVE"::equals);
        assertEquals("trin components not active", Map.of(), notActive);
    }

    /** Off a Raspberry Pi the Pi bundle registers no identity: the Linux one is the only one. */
    @Test
    public void givenNoRaspberryPi_thenTheLinuxIdentityIsTheOnlyOne() throws Exception {
        connectedDevice();

        List<ServiceReference<DeviceIdentity>> identities = references(DeviceIdentity.class);
        assertEquals("identities: " + identities, 1, identities.size());
        assertEquals("trin.hw.linux", identities.get(0).getBundle().getSymbolicName());
        DeviceIdentity identity = context.getService(identities.get(0));
        assertEquals(Platform.UID, identity.uid());
        context.ungetService(identities.get(0));
    }

    /**
     * Each trin bundle wires every package it imports, optional ones included (a missing optional
     * import would silently drop the shell commands), to the bundle that should provide it.
     */
    @Test
    public void everyImportOfTheTrinBundlesIsWiredToItsLibrary() throws Exception {
        connectedDevice();
        installExamples();

        List<String> unwired = new ArrayList<>();
        Map<String, String> providers = new TreeMap<>();
        for (Bundle bundle : trinBundles()) {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            List<BundleWire> wires = wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE);
            for (BundleRequirement requirement : wiring.getRevision().getDeclaredRequirements(
                    PackageNamespace.PACKAGE_NAMESPACE)) {
                BundleWire wire = wires.stream().filter(w -> w.getRequirement().equals(requirement))
                        .findFirst().orElse(null);
                String pkg = requirement.getDirectives().get(PackageNamespace.REQUIREMENT_FILTER_DIRECTIVE);
                boolean substituted = wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE).stream()
                        .anyMatch(requirement::matches);
                if (wire == null && !substituted) {
                    unwired.add(bundle.getSymbolicName() + ": " + pkg);
                } else if (wire != null) {
                    String name = (String) wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
                    providers.put(bundle.getSymbolicName() + " " + name, wire.getProvider().getSymbolicName());
                }
            }
        }
        assertEquals("imports without a wire", List.of(), unwired);
        assertEquals("org.eclipse.paho.client.mqttv3",
                providers.get("trin.client org.eclipse.paho.client.mqttv3"));
        assertEquals("com.github.oshi.oshi-core", providers.get("trin.health oshi"));
        assertEquals("org.apache.felix.gogo.runtime",
                providers.get("trin.client org.apache.felix.service.command"));
        assertEquals("org.apache.felix.gogo.runtime",
                providers.get("trin.crypto org.apache.felix.service.command"));
        assertEquals("com.fasterxml.jackson.core.jackson-databind",
                providers.get("trin.client com.fasterxml.jackson.databind"));
        // OSHI runs on the JNA it was built with, installed as bundles.
        Bundle oshi = bundle("com.github.oshi.oshi-core");
        for (BundleWire wire : oshi.adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            String name = (String) wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
            if (name.startsWith("com.sun.jna")) {
                Bundle provider = wire.getProvider().getBundle();
                assertTrue(name + " from " + provider, provider.getSymbolicName().startsWith("com.sun.jna")
                        && provider.getVersion().toString().equals("5.17.0"));
            }
        }
        providers.forEach((imported, provider) -> {
            if (imported.endsWith(" org.slf4j")) {
                assertEquals(imported, "slf4j.api", provider);
            }
        });
    }

    /** Each configuration PID of the trin bundles is described in Metatype, as consoles show it. */
    @Test
    public void metatypeDescribesEveryConfiguration() throws Exception {
        connectedDevice();
        installExamples();
        MetaTypeService metatype = service(MetaTypeService.class);

        Map<String, Set<String>> attributes = new TreeMap<>();
        for (Bundle bundle : trinBundles()) {
            MetaTypeInformation information = metatype.getMetaTypeInformation(bundle);
            for (String pid : information.getPids()) {
                ObjectClassDefinition ocd = information.getObjectClassDefinition(pid, null);
                Set<String> ids = new TreeSet<>();
                Stream.of(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)).map(AttributeDefinition::getID)
                        .forEach(ids::add);
                attributes.put(pid, ids);
            }
        }

        assertEquals(new TreeSet<>(List.of("trin.client", "trin.crypto", "trin.examples.sample", "trin.health",
                "trin.hw.linux", "trin.hw.raspberrypi", "trin.hw.raspberrypi.health")), attributes.keySet());
        // The names DESIGN.md makes part of the user interface.
        assertTrue(attributes.get("trin.client").toString(), attributes.get("trin.client").containsAll(List.of(
                "host", "port", "tls", "caFile", "keepAlive", "cleanSession", "defaultQos", "pdrInterval",
                "useRtc", "trustedSenders", "settingsFile", "upgradeLocation", "upgradeTrust", "trustEmptySender")));
        assertTrue(attributes.get("trin.crypto").containsAll(List.of("keyDir", "registrationUrl")));
        assertTrue(attributes.get("trin.hw.linux").containsAll(List.of("uid", "modelId")));
    }

    private void activateByUse(ComponentConfigurationDTO configuration) throws Exception {
        ServiceReference<?>[] references = context.getServiceReferences((String) null,
                "(component.id=" + configuration.id + ")");
        if (references != null) {
            for (ServiceReference<?> reference : references) {
                context.getService(reference);
            }
        }
    }

    private static String describe(List<ComponentConfigurationDTO> configurations) {
        if (configurations.isEmpty()) {
            return "no configuration (unsatisfied by configuration policy)";
        }
        List<String> states = new ArrayList<>();
        for (ComponentConfigurationDTO c : configurations) {
            String text = switch (c.state) {
                case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
                case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
                case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE "
                        + Arrays.toString(Stream.of(c.unsatisfiedReferences).map(r -> r.name).toArray());
                case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
                case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION " + c.failure;
                default -> "state " + c.state;
            };
            states.add(text);
        }
        return String.join(", ", states);
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
