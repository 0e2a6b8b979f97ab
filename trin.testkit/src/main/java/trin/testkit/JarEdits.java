package trin.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * What an attacker does to a signed jar, for the tests of signed upgrades: each method writes a
 * copy of a jar, entry by entry in its order, with one change. Tests only.
 */
public final class JarEdits {

    private JarEdits() {
    }

    /** A copy with one more entry at the end, after the signature. */
    public static Path withEntryAdded(Path jar, Path target, String name, byte[] content) throws IOException {
        return copy(jar, target, entry -> false, (entry, bytes) -> bytes, name, content);
    }

    /** A copy whose entry {@code name} holds {@code content} instead. */
    public static Path withEntryChanged(Path jar, Path target, String name, byte[] content) throws IOException {
        return copy(jar, target, entry -> false, (entry, bytes) -> entry.equals(name) ? content : bytes, null, null);
    }

    /**
     * A copy without the signature: the signature files ({@code META-INF/*.SF}, {@code .EC},
     * {@code .RSA}, {@code .DSA}) dropped, the manifest and its entries' digests kept.
     */
    public static Path withoutSignature(Path jar, Path target) throws IOException {
        return copy(jar, target, JarEdits::signatureBlockOrFile, (entry, bytes) -> bytes, null, null);
    }

    /** A copy whose manifest is {@code edit}ed (as text). */
    public static Path withManifest(Path jar, Path target, UnaryOperator<String> edit) throws IOException {
        return copy(jar, target, entry -> false, (entry, bytes) -> entry.equals("META-INF/MANIFEST.MF")
                ? edit.apply(new String(bytes, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8)
                : bytes, null, null);
    }

    /** The name of the first entry, in the jar's order, that is a class file. */
    public static String firstClass(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).findFirst()
                    .orElseThrow(() -> new IOException("no class in " + jar));
        }
    }

    private interface Content {
        byte[] of(String entry, byte[] bytes);
    }

    private static Path copy(Path jar, Path target, Predicate<String> drop, Content content, String added,
            byte[] addedContent) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(target);
                ZipOutputStream out = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (drop.test(entry.getName())) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content.of(entry.getName(), bytes));
                out.closeEntry();
            }
            if (added != null) {
                out.putNextEntry(new ZipEntry(added));
                out.write(addedContent);
                out.closeEntry();
            }
        }
        return target;
    }

    private static boolean signatureBlockOrFile(String entry) {
        String upper = entry.toUpperCase(Locale.ROOT);
        return upper.startsWith("META-INF/") && upper.indexOf('/', "META-INF/".length()) < 0
                && (upper.endsWith(".SF") || upper.endsWith(".EC") || upper.endsWith(".RSA") || upper.endsWith(".DSA"));
    }
}
