package trin.client.internal.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Checks that a jar is the owner's: the JDK's own jar verification
 * ({@link JarFile} opened to verify, every entry read to its end), then every
 * entry's signers. The JDK fails on an entry changed after signing, but
 * reports an entry added after signing, or a jar not signed at all, only as
 * an entry without signers: so each entry, apart from the signature files
 * themselves, must carry a signer whose key {@link UpgradeTrust} holds.
 */
final class SignedJars {

    private SignedJars() {
    }

    /**
     * @param name the jar's name in the reply, {@code <bsn>.jar}
     * @throws Staging.Refused saying why the jar is not the owner's
     */
    static void verify(Path jar, String name, UpgradeTrust trust) throws Staging.Refused {
        List<String> unsigned = new ArrayList<>();
        List<String> untrusted = new ArrayList<>();
        Set<String> strangers = new LinkedHashSet<>();
        int trusted = 0;
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                long read;
                try (InputStream in = file.getInputStream(entry)) {
                    // The digest is checked, and the signers known, only once the entry is read to its end.
                    read = in.transferTo(OutputStream.nullOutputStream());
                }
                if (signatureFile(entry.getName()) || entry.isDirectory() && read == 0) {
                    continue;
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    unsigned.add(entry.getName());
                } else if (signedBy(signers, trust, strangers)) {
                    trusted++;
                } else {
                    untrusted.add(entry.getName());
                }
            }
        } catch (SecurityException e) {
            throw new Staging.Refused(name + " was changed after it was signed: " + e.getMessage());
        } catch (IOException e) {
            throw new Staging.Refused(name + " is not a jar: " + e.getMessage());
        }
        if (trusted == 0 && untrusted.isEmpty()) {
            throw new Staging.Refused(name + " is not signed (or not with an algorithm this Java accepts); "
                    + "only jars signed by a key in " + UpgradeTrust.PROPERTY + " are installed");
        }
        if (trusted == 0) {
            throw new Staging.Refused(name + " is signed by " + String.join(", ", strangers)
                    + ", not by a key in " + UpgradeTrust.PROPERTY);
        }
        if (!unsigned.isEmpty()) {
            throw new Staging.Refused(name + " holds " + entries(unsigned) + " not signed: added after signing");
        }
        if (!untrusted.isEmpty()) {
            throw new Staging.Refused(name + " holds " + entries(untrusted) + " signed only by "
                    + String.join(", ", strangers) + ", not by a key in " + UpgradeTrust.PROPERTY);
        }
    }

    /**
     * The JDK's signature-related files, which carry the signature instead of
     * being signed: the manifest, and {@code META-INF/*.SF}, {@code .RSA},
     * {@code .DSA}, {@code .EC} and {@code SIG-*} directly in {@code META-INF}.
     */
    static boolean signatureFile(String entry) {
        String upper = entry.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        String file = upper.substring("META-INF/".length());
        return file.equals("MANIFEST.MF") || file.startsWith("SIG-") || file.endsWith(".SF")
                || file.endsWith(".RSA") || file.endsWith(".DSA") || file.endsWith(".EC");
    }

    private static boolean signedBy(CodeSigner[] signers, UpgradeTrust trust, Set<String> strangers) {
        boolean found = false;
        for (CodeSigner signer : signers) {
            // The signing certificate comes first; the rest of the path is whatever the jar claims.
            Certificate certificate = signer.getSignerCertPath().getCertificates().get(0);
            if (trust.trusts(certificate)) {
                found = true;
            } else {
                strangers.add(describe(certificate));
            }
        }
        return found;
    }

    private static String describe(Certificate certificate) {
        String key = UpgradeTrust.fingerprint(certificate.getPublicKey());
        return certificate instanceof X509Certificate x509
                ? x509.getSubjectX500Principal().getName() + " (key " + key + ")"
                : "a key " + key;
    }

    private static String entries(List<String> names) {
        return names.size() == 1 ? names.get(0)
                : names.size() + " entries (" + String.join(", ", names.subList(0, Math.min(3, names.size())))
                        + (names.size() > 3 ? ", ..." : "") + ")";
    }
}
