package trin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCertificatesTest {

    @TempDir
    static Path dir;
    private static TestCertificates certs;

    @BeforeAll
    static void generate() throws Exception {
        certs = TestCertificates.generate(dir);
    }

    @Test
    void theServerCertificateNamesLocalhostAndIsSignedByTheCa() throws Exception {
        X509Certificate ca = read(certs.caPem());
        X509Certificate server = read(certs.serverPem());

        server.verify(ca.getPublicKey());
        server.checkValidity();
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(server.getSubjectAlternativeNames())
                .contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
    }

    @Test
    void theKeyFileIsAPrivatePkcs8PemOfTheServerKey() throws Exception {
        String pem = Files.readString(certs.serverKey());
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Files.getPosixFilePermissions(certs.serverKey()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        KeyStore keystore = KeyStore.getInstance(certs.keystore().toFile(), certs.keystorePassword());
        assertThat(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)))
                .isEqualTo(keystore.getKey("server", certs.keystorePassword()));
        assertThat(keystore.getCertificateChain("server")).hasSize(2);
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
