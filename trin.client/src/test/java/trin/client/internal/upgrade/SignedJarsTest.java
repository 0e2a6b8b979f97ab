package trin.client.internal.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.testkit.JarEdits;
import trin.testkit.ReleaseKey;

/**
 * Real jars, really signed (keys made by the JDK's keytool, jars signed by its jarsigner API), checked
 * the way {@code upgrade_client} checks them: only a jar whose every entry the trusted key signed passes.
 */
class SignedJarsTest {

    private static final String CLASS = "trin/client/Client.class";

    @TempDir
    static Path dir;

    private static ReleaseKey owner;
    private static ReleaseKey stranger;
    private static UpgradeTrust trust;
    private static Path signed;

    @BeforeAll
    static void keysAndARelease() throws Exception {
        owner = ReleaseKey.generate(dir.resolve("keys"), "owner");
        stranger = ReleaseKey.generate(dir.resolve("keys"), "stranger");
        trust = UpgradeTrust.read(owner.certificate().toString());
        signed = owner.sign(bundle(dir.resolve("signed.jar")));
    }

    @Test
    void givenAJarSignedByTheTrustedKey_thenItPasses() {
        assertThatCode(() -> SignedJars.verify(signed, "trin.client.jar", trust)).doesNotThrowAnyException();
    }

    @Test
    void givenAJarSignedWithTheJarsignerCommand_asTheReadmeSays_thenItPasses() throws Exception {
        Path jar = owner.signWithJarsigner(bundle(dir.resolve("jarsigner.jar")));

        assertThatCode(() -> SignedJars.verify(jar, "trin.client.jar", trust)).doesNotThrowAnyException();
    }

    @Test
    void givenTheTrustedKeyAsABarePublicKey_thenTheSameJarPasses() throws Exception {
        UpgradeTrust publicKey = UpgradeTrust.read(owner.publicKey().toString());

        assertThatCode(() -> SignedJars.verify(signed, "trin.client.jar", publicKey)).doesNotThrowAnyException();
    }

    @Test
    void givenAnUnsignedJar_thenItIsRefusedAsNotSigned() throws Exception {
        Path unsigned = bundle(dir.resolve("unsigned.jar"));

        assertThat(refusal(unsigned)).startsWith("trin.client.jar is not signed");
    }

    @Test
    void givenAJarSignedByAnotherKey_thenItIsRefusedNamingThatSigner() throws Exception {
        Path other = stranger.sign(bundle(dir.resolve("other.jar")));

        assertThat(refusal(other)).startsWith("trin.client.jar is signed by CN=stranger (key SHA-256 ")
                .endsWith(", not by a key in upgradeTrust");
    }

    @Test
    void givenAnEntryAddedAfterSigning_thenItIsRefusedNamingTheEntry() throws Exception {
        Path added = JarEdits.withEntryAdded(signed, dir.resolve("added.jar"), "trin/client/Added.class",
                new byte[] {(byte) 0xca, (byte) 0xfe});

        assertThat(refusal(added)).isEqualTo("trin.client.jar holds trin/client/Added.class not signed: "
                + "added after signing");
    }

    @Test
    void givenAnEntryChangedAfterSigning_thenItIsRefusedAsChanged() throws Exception {
        Path changed = JarEdits.withEntryChanged(signed, dir.resolve("changed.jar"), CLASS,
                "not what was signed".getBytes(StandardCharsets.UTF_8));

        assertThat(refusal(changed)).startsWith("trin.client.jar was changed after it was signed: ")
                .contains(CLASS);
    }

    @Test
    void givenTheManifestChangedAfterSigning_thenItIsRefusedAsChanged() throws Exception {
        Path changed = JarEdits.withManifest(signed, dir.resolve("manifest.jar"),
                text -> text.replace("Bundle-Version: 1.1.0", "Bundle-Version: 9.9.9"));

        try (JarFile jar = new JarFile(changed.toFile(), false)) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Bundle-Version")).isEqualTo("9.9.9");
        }
        assertThat(refusal(changed)).startsWith("trin.client.jar was changed after it was signed: ");
    }

    @Test
    void givenTheDigestsButNoSignature_thenItIsRefusedAsNotSigned() throws Exception {
        Path stripped = JarEdits.withoutSignature(signed, dir.resolve("stripped.jar"));

        assertThat(refusal(stripped)).startsWith("trin.client.jar is not signed");
    }

    @Test
    void givenAnEntryAddedAndTheJarSignedAgainByAnotherKey_thenItIsRefusedNamingTheEntry() throws Exception {
        Path added = JarEdits.withEntryAdded(signed, dir.resolve("resigned.jar"), "trin/client/Added.class",
                new byte[] {1});
        stranger.sign(added);

        assertThat(refusal(added)).startsWith("trin.client.jar holds trin/client/Added.class signed only by "
                + "CN=stranger (key SHA-256 ");
    }

    @Test
    void givenADirectoryEntryWithContentAddedAfterSigning_thenItIsRefused() throws Exception {
        Path added = JarEdits.withEntryAdded(signed, dir.resolve("folder.jar"), "trin/hidden/", new byte[] {1, 2});

        assertThat(refusal(added)).isEqualTo("trin.client.jar holds trin/hidden/ not signed: added after signing");
    }

    @Test
    void givenSomethingThatIsNotAJar_thenItIsRefusedAsNotAJar() throws Exception {
        Path text = Files.writeString(dir.resolve("text.jar"), "not a zip");

        assertThat(refusal(text)).startsWith("trin.client.jar is not a jar: ");
    }

    @Test
    void signatureFilesAreTheJdksOwnOnly() {
        assertThat(SignedJars.signatureFile("META-INF/MANIFEST.MF")).isTrue();
        assertThat(SignedJars.signatureFile("META-INF/OWNER.SF")).isTrue();
        assertThat(SignedJars.signatureFile("META-INF/owner.ec")).isTrue();
        assertThat(SignedJars.signatureFile("META-INF/SIG-X")).isTrue();
        assertThat(SignedJars.signatureFile("META-INF/services/OWNER.SF")).isFalse();
        assertThat(SignedJars.signatureFile("META-INF/maven/pom.xml")).isFalse();
        assertThat(SignedJars.signatureFile("OWNER.SF")).isFalse();
    }

    private static String refusal(Path jar) {
        Staging.Refused refused = catchThrowableOfType(() -> SignedJars.verify(jar, "trin.client.jar", trust),
                Staging.Refused.class);
        assertThat(refused).as("refused").isNotNull();
        return refused.getMessage();
    }

    /** A small bundle {@code trin.client} 1.1.0: a class, a folder, a resource under META-INF. */
    static Path bundle(Path target) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "trin.client");
        main.putValue("Bundle-Version", "1.1.0");
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file, manifest)) {
            jar.putNextEntry(new JarEntry("trin/client/"));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry(CLASS));
            jar.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61});
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("META-INF/services/trin.Example"));
            jar.write("trin.client.Client\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return target;
    }
}
