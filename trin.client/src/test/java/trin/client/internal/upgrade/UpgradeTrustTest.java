package trin.client.internal.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.testkit.ReleaseKey;

/** Configuration {@code upgradeTrust}: what it accepts, and a clear reason for what it does not. */
class UpgradeTrustTest {

    @TempDir
    static Path dir;

    private static ReleaseKey owner;
    private static ReleaseKey next;

    @BeforeAll
    static void keys() throws Exception {
        owner = ReleaseKey.generate(dir.resolve("keys"), "owner");
        next = ReleaseKey.generate(dir.resolve("keys"), "next");
    }

    @Test
    void givenTheOwnersCertificate_thenItsKeyIsTrustedAndNoOther() throws Exception {
        UpgradeTrust trust = UpgradeTrust.read(owner.certificate().toString());

        assertThat(trust.trusts(certificate(owner))).isTrue();
        assertThat(trust.trusts(certificate(next))).isFalse();
    }

    @Test
    void givenACertificateAndAPublicKeyInOneFile_thenBothKeysAreTrusted() throws Exception {
        Path both = Files.writeString(dir.resolve("both.pem"),
                Files.readString(owner.certificate()) + "\n" + Files.readString(next.publicKey()));

        UpgradeTrust trust = UpgradeTrust.read(" " + both + " ");

        assertThat(trust.size()).isEqualTo(2);
        assertThat(trust.trusts(certificate(owner))).isTrue();
        assertThat(trust.trusts(certificate(next))).isTrue();
    }

    @Test
    void givenNoTrustConfigured_thenUpgradesAreRefusedSayingSo() {
        assertThat(refusal("")).isEqualTo("no upgradeTrust configured: upgrades are installed only when signed "
                + "by a key the gateway trusts");
        assertThat(refusal(null)).startsWith("no upgradeTrust configured");
    }

    @Test
    void givenAFileThatIsNotThere_thenTheReasonNamesThePropertyAndTheFile() {
        Path missing = dir.resolve("missing.pem");

        assertThat(refusal(missing.toString())).isEqualTo("upgradeTrust " + missing
                + " cannot be read: java.nio.file.NoSuchFileException: " + missing);
    }

    @Test
    void givenAFileWithoutPem_thenItIsRefusedAsHoldingNoKey() throws Exception {
        Path text = Files.writeString(dir.resolve("text.pem"), "the owner's key, trust me\n");

        assertThat(refusal(text.toString())).isEqualTo("upgradeTrust " + text
                + " holds no PEM CERTIFICATE or PUBLIC KEY");
    }

    @Test
    void givenABrokenCertificate_thenItIsRefusedAsUnreadable() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        assertThat(refusal(broken.toString())).startsWith("upgradeTrust " + broken
                + ": a CERTIFICATE Java cannot read");
    }

    @Test
    void givenAPrivateKey_thenItIsRefusedWithoutRepeatingIt() throws Exception {
        String secret = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg";
        Path key = Files.writeString(dir.resolve("private.pem"),
                "-----BEGIN PRIVATE KEY-----\n" + secret + "\n-----END PRIVATE KEY-----\n");

        String reason = refusal(key.toString());

        assertThat(reason).isEqualTo("upgradeTrust " + key + " holds a PRIVATE KEY: it must hold only the owner's "
                + "CERTIFICATE or PUBLIC KEY");
        assertThat(reason).doesNotContain(secret);
    }

    @Test
    void givenACertificateBesideAnEncryptedLegacyKey_thenItIsRefusedAsHoldingAPrivateKey() throws Exception {
        Path both = Files.writeString(dir.resolve("with-key.pem"), Files.readString(owner.certificate())
                + "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n"
                + "-----END EC PRIVATE KEY-----\n");

        assertThat(refusal(both.toString())).isEqualTo("upgradeTrust " + both + " holds a PRIVATE KEY: it must hold "
                + "only the owner's CERTIFICATE or PUBLIC KEY");
    }

    @Test
    void givenAnotherKindOfPem_thenItIsRefusedNamingIt() throws Exception {
        Path request = Files.writeString(dir.resolve("request.pem"),
                "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n");

        assertThat(refusal(request.toString())).isEqualTo("upgradeTrust " + request + " holds a CERTIFICATE REQUEST: "
                + "it must hold only the owner's CERTIFICATE or PUBLIC KEY");
    }

    private static String refusal(String path) {
        Staging.Refused refused = catchThrowableOfType(() -> UpgradeTrust.read(path), Staging.Refused.class);
        assertThat(refused).as("refused").isNotNull();
        return refused.getMessage();
    }

    private static Certificate certificate(ReleaseKey key) throws Exception {
        try (InputStream in = Files.newInputStream(key.certificate())) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
