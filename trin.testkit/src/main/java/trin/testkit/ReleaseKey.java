package trin.testkit;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import jdk.security.jarsigner.JarSigner;

/**
 * An owner's code-signing key, as the README tells an owner to make one: an EC P-256 key with a
 * self-signed certificate, made by the running JDK's {@code keytool} into {@code <name>.p12}, with
 * the certificate ({@code <name>.pem}, what a gateway's {@code upgradeTrust} names) and the bare
 * public key ({@code <name>.pub.pem}) beside it. {@link #sign} signs a jar with the JDK's jarsigner
 * API ({@code jdk.security.jarsigner}), as {@code jarsigner} signs a release. Tests only.
 */
public final class ReleaseKey {

    private static final long JARSIGNER_TIMEOUT_SECONDS = 60;

    private final Path dir;
    private final String name;
    private final PrivateKey key;
    private final CertPath chain;

    private ReleaseKey(Path dir, String name, PrivateKey key, CertPath chain) {
        this.dir = dir;
        this.name = name;
        this.key = key;
        this.chain = chain;
    }

    /** Makes a new key {@code name} (also the certificate's {@code CN}) in {@code dir}. A second or two. */
    public static ReleaseKey generate(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path keystore = dir.resolve(name + ".p12");
        Files.deleteIfExists(keystore);
        TestCertificates.keytool("-genkeypair", "-keystore", keystore, "-alias", name, "-dname", "CN=" + name);
        try {
            char[] password = TestCertificates.PASSWORD.toCharArray();
            KeyStore store = KeyStore.getInstance(keystore.toFile(), password);
            PrivateKey key = (PrivateKey) store.getKey(name, password);
            Certificate certificate = store.getCertificate(name);
            CertPath chain = CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate));
            ReleaseKey release = new ReleaseKey(dir, name, key, chain);
            pem(release.certificate(), "CERTIFICATE", certificate.getEncoded());
            pem(release.publicKey(), "PUBLIC KEY", certificate.getPublicKey().getEncoded());
            return release;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key keytool made in " + keystore, e);
        }
    }

    /** The certificate, PEM: what {@code upgradeTrust} names. */
    public Path certificate() {
        return dir.resolve(name + ".pem");
    }

    /** The public key alone, PEM ({@code PUBLIC KEY}): also fit for {@code upgradeTrust}. */
    public Path publicKey() {
        return dir.resolve(name + ".pub.pem");
    }

    /** The PKCS12 keystore keytool made (password {@code trin-test}), for the {@code jarsigner} command. */
    public Path keystore() {
        return dir.resolve(name + ".p12");
    }

    /** Signs {@code jar} in place (SHA-256 digests, as jarsigner does by default). */
    public Path sign(Path jar) throws IOException {
        Path signed = jar.resolveSibling(jar.getFileName() + ".signing");
        sign(jar, signed);
        return Files.move(signed, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Writes {@code jar} signed to {@code target}. */
    public Path sign(Path jar, Path target) throws IOException {
        JarSigner signer;
        try {
            // Named after the key (META-INF/<NAME>.SF), as jarsigner names it after the alias: a second
            // signer adds its signature instead of replacing the first.
            String signerName = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_-]", "_");
            signer = new JarSigner.Builder(key, chain).digestAlgorithm("SHA-256")
                    .signerName(signerName.substring(0, Math.min(8, signerName.length()))).build();
        } catch (GeneralSecurityException e) {
            throw new IOException("this Java cannot sign with SHA-256", e);
        }
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(target)) {
            signer.sign(in, out);
        } catch (RuntimeException e) {
            throw new IOException("cannot sign " + jar + " with " + name + ": " + e, e);
        }
        return target;
    }

    /**
     * Signs {@code jar} in place with the {@code jarsigner} command of the running JDK, as the README
     * tells an owner to: {@code jarsigner -keystore <name>.p12 <jar> <name>}.
     */
    public Path signWithJarsigner(Path jar) throws IOException {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path jarsigner = Files.isExecutable(bin.resolve("jarsigner")) ? bin.resolve("jarsigner")
                : bin.resolve("jarsigner.exe");
        Path log = Files.createTempFile("jarsigner", ".log");
        Process process = new ProcessBuilder(jarsigner.toString(), "-keystore", keystore().toString(),
                "-storepass", TestCertificates.PASSWORD, jar.toString(), name)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close(); // never prompt
        try {
            if (!process.waitFor(JARSIGNER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("jarsigner did not finish in " + JARSIGNER_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("jarsigner failed (" + process.exitValue() + "): " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running jarsigner", e);
        } finally {
            Files.deleteIfExists(log);
        }
        return jar;
    }

    private static void pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n", US_ASCII);
    }
}
