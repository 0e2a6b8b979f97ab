package trin.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built deployment package, {@code target/trin-VERSION.dp}, read as Felix DeploymentAdmin 0.9.5
 * (Eclipse Kura 5) reads it, against OSGi Compendium chapter 114. A failsafe test because it reads what
 * the package phase made.
 */
class DeploymentPackageIT {

    static final Path DP = Path.of(System.getProperty("trin.dp", "target/trin-0.1.0-SNAPSHOT.dp"));

    /** What the package must hold: trin's gateway bundles and what Kura 5 does not have. */
    static final List<String> EXPECTED = List.of(
            "trin.api", "trin.client", "trin.crypto", "trin.health", "trin.hw.linux", "trin.hw.raspberrypi",
            "trin.kura", "trin.metrics", "org.eclipse.paho.client.mqttv3", "com.fasterxml.jackson.core.jackson-core",
            "com.fasterxml.jackson.core.jackson-databind", "com.fasterxml.jackson.core.jackson-annotations",
            "com.github.oshi.oshi-core", "com.sun.jna", "com.sun.jna.platform");

    private static List<String> entryNames;
    private static Manifest manifest;
    /** Each bundle entry's own manifest, by entry name. */
    private static Map<String, Attributes> bundles;

    @BeforeAll
    static void read() throws IOException {
        assertThat(DP).as("the built deployment package (mvn package)").isRegularFile();
        entryNames = new ArrayList<>();
        bundles = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(DP))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entryNames.add(entry.getName());
                byte[] content = zip.readAllBytes();
                if (entry.getName().equals("META-INF/MANIFEST.MF")) {
                    manifest = new Manifest(new ByteArrayInputStream(content));
                } else if (entry.getName().endsWith(".jar")) {
                    try (InputStream in = new ByteArrayInputStream(content); JarInputStream jar = new JarInputStream(in)) {
                        assertThat(jar.getManifest()).as(entry.getName() + " has a manifest").isNotNull();
                        bundles.put(entry.getName(), jar.getManifest().getMainAttributes());
                    }
                }
            }
        }
    }

    @Test
    void theManifestIsTheFirstEntry_andThereAreNoDirectoryEntries() {
        assertThat(entryNames).first().isEqualTo("META-INF/MANIFEST.MF");
        assertThat(entryNames).noneMatch(name -> name.endsWith("/"));
        // JarInputStream, which DeploymentAdmin uses, finds the manifest so
        try {
            try (JarInputStream jar = new JarInputStream(Files.newInputStream(DP))) {
                assertThat(jar.getManifest()).isNotNull();
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theManifestNamesThePackage() {
        Attributes main = manifest.getMainAttributes();
        assertThat(main.getValue("DeploymentPackage-SymbolicName")).isEqualTo("trin");
        assertThat(main.getValue("DeploymentPackage-Version")).matches("\\d+\\.\\d+\\.\\d+(\\.[\\w-]+)?");
        assertThat(main.getValue("DeploymentPackage-FixPack")).as("a full package, not a fix pack").isNull();
    }

    @Test
    void everyEntryIsABundleWithItsOwnSection_whoseNameAndVersionAreTheBundles() {
        List<String> files = entryNames.subList(1, entryNames.size());
        assertThat(files).allMatch(name -> name.endsWith(".jar"));
        assertThat(manifest.getEntries().keySet()).containsExactlyInAnyOrderElementsOf(files);
        for (String file : files) {
            Attributes section = manifest.getAttributes(file);
            Attributes bundle = bundles.get(file);
            String symbolicName = bundle.getValue("Bundle-SymbolicName").split(";")[0].trim();
            assertThat(section.getValue("Bundle-SymbolicName")).as(file).isEqualTo(symbolicName);
            assertThat(section.getValue("Bundle-Version")).as(file).isEqualTo(bundle.getValue("Bundle-Version").trim());
        }
    }

    @Test
    void itHoldsTrinsGatewayBundlesAndWhatKura5Lacks_andNothingKuraRuns() {
        List<String> symbolicNames = new ArrayList<>();
        for (String file : manifest.getEntries().keySet()) {
            symbolicNames.add(manifest.getAttributes(file).getValue("Bundle-SymbolicName"));
        }
        assertThat(symbolicNames).containsExactlyInAnyOrderElementsOf(EXPECTED);
        // Explicitly: never the framework's services, logging, the LOCAL set-up, the sample, the test kit
        assertThat(symbolicNames).noneMatch(name -> name.startsWith("org.apache.felix") || name.startsWith("org.osgi")
                || name.startsWith("org.eclipse.equinox") || name.startsWith("org.eclipse.kura")
                || name.contains("slf4j") || name.contains("log4j") || name.equals("trin.examples")
                || name.equals("trin.testkit") || name.equals("trin.launcher") || name.startsWith("kura."));
    }

    /** DeploymentAdmin installs the bundles in the order of the stream. */
    @Test
    void inTheStreamLibrariesComeBeforeTrin_andTrinApiFirstOfTrins() {
        List<String> order = new ArrayList<>();
        entryNames.subList(1, entryNames.size())
                .forEach(file -> order.add(manifest.getAttributes(file).getValue("Bundle-SymbolicName")));
        int firstTrin = order.indexOf("trin.api");
        assertThat(order.subList(0, firstTrin)).noneMatch(name -> name.startsWith("trin."));
        assertThat(order.subList(firstTrin, order.size())).allMatch(name -> name.startsWith("trin."));
    }
}
