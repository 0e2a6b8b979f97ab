import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Writes an OSGi deployment package (Compendium ch. 114) of the bundles in a directory, at build time:
 * {@code java DeploymentPackage.java <out.dp> <symbolic name> <maven version> <name> <timestamp> <dir>}.
 *
 * <p>The manifest comes first, then one file entry per bundle, and no directory entries: Felix
 * DeploymentAdmin 0.9.5 (Eclipse Kura 5) reads the stream entry by entry and fails on a directory
 * ("Expected more bundles in the stream"). Each bundle has its manifest section with the
 * Bundle-SymbolicName (without directives) and Bundle-Version read from its own manifest. Libraries
 * come before trin's bundles, trin.api first of those. Run by the Java source launcher (exec-maven-plugin):
 * a build step, not product code.
 */
public final class DeploymentPackage {

    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            throw new IllegalArgumentException(
                    "usage: DeploymentPackage <out.dp> <symbolic name> <maven version> <name> <timestamp> <dir>");
        }
        Path out = Path.of(args[0]);
        long time = Instant.parse(args[4]).toEpochMilli();
        List<Bundle> bundles = bundles(Path.of(args[5]));
        if (bundles.isEmpty()) {
            throw new IllegalStateException("no bundles in " + args[5]);
        }

        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("DeploymentPackage-SymbolicName", args[1]);
        main.putValue("DeploymentPackage-Version", osgiVersion(args[2]));
        main.putValue("DeploymentPackage-Name", args[3]);
        for (Bundle bundle : bundles) {
            Attributes section = new Attributes();
            section.putValue("Bundle-SymbolicName", bundle.symbolicName());
            section.putValue("Bundle-Version", bundle.version());
            manifest.getEntries().put(bundle.file().getFileName().toString(), section);
        }

        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(file)) {
            ZipEntry manifestEntry = new ZipEntry(JarFile.MANIFEST_NAME);
            manifestEntry.setTime(time);
            jar.putNextEntry(manifestEntry);
            manifest.write(jar);
            jar.closeEntry();
            for (Bundle bundle : bundles) {
                ZipEntry entry = new ZipEntry(bundle.file().getFileName().toString());
                entry.setTime(time);
                jar.putNextEntry(entry);
                Files.copy(bundle.file(), jar);
                jar.closeEntry();
            }
        }
        System.out.println("Deployment package " + out + ": " + bundles.size() + " bundles");
    }

    private record Bundle(Path file, String symbolicName, String version) {
    }

    private static List<Bundle> bundles(Path dir) throws IOException {
        List<Bundle> bundles = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar")).sorted()::iterator) {
                try (JarFile jar = new JarFile(file.toFile())) {
                    Attributes attributes = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
                    String symbolicName = attributes == null ? null : attributes.getValue("Bundle-SymbolicName");
                    if (symbolicName == null) {
                        throw new IllegalStateException(file + " is not a bundle");
                    }
                    String version = attributes.getValue("Bundle-Version");
                    bundles.add(new Bundle(file, symbolicName.split(";")[0].trim(),
                            version == null ? "0.0.0" : version.trim()));
                }
            }
        }
        bundles.sort(Comparator.comparing((Bundle b) -> b.symbolicName().startsWith("trin."))
                .thenComparing(b -> !b.symbolicName().equals("trin.api"))
                .thenComparing(Bundle::symbolicName));
        return bundles;
    }

    /** 0.1.0-SNAPSHOT is 0.1.0.SNAPSHOT, as bnd versions the bundles. */
    private static String osgiVersion(String maven) {
        String[] parts = maven.split("-", 2);
        String[] numbers = parts[0].split("\\.");
        StringBuilder version = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            version.append(i > 0 ? "." : "").append(i < numbers.length ? numbers[i] : "0");
        }
        if (parts.length > 1) {
            version.append('.').append(parts[1].replaceAll("[^A-Za-z0-9_-]", "_"));
        }
        return version.toString();
    }
}
