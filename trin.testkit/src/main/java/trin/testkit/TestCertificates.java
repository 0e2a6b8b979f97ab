package trin.testkit;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import trin.devbroker.SmartBroker;

/**
 * A throw-away CA and a server certificate for {@code localhost} and {@code 127.0.0.1}, made with
 * the running JDK's {@code keytool} (Java has no public X.509 builder). Files in the directory:
 * {@code ca.pem}, {@code server.pem}, {@code server.key} (PKCS#8 PEM, mode 0600),
 * {@code server.p12} (the server key with its chain) and {@code ca.p12} (the CA key).
 * Certificates are valid from yesterday for a week: tests only.
 */
public final class TestCertificates {

    static final String PASSWORD = "trin-test";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Generates everything into {@code dir}, which is created if needed. Takes a second or two. */
    public static TestCertificates generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        TestCertificates certs = new TestCertificates(dir);
        certs.make();
        return certs;
    }

    public Path dir() {
        return dir;
    }

    /** The CA certificate (PEM): what clients trust. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** The server certificate (PEM), for Mosquitto's {@code certfile}. */
    public Path serverPem() {
        return dir.resolve("server.pem");
    }

    /** The server's private key (unencrypted PKCS#8 PEM), for Mosquitto's {@code keyfile}. */
    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** A PKCS12 keystore with the server key and its chain, for {@link SmartBroker.Builder#tls}. */
    public Path keystore() {
        return dir.resolve("server.p12");
    }

    /** The password of {@link #keystore()} and of its key (a fresh copy). */
    public char[] keystorePassword() {
        return PASSWORD.toCharArray();
    }

    /** A socket factory that trusts only this CA, for Paho's {@code ssl://} connections. */
    public SSLSocketFactory socketFactory() throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem())) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private void make() throws IOException {
        Path ca = dir.resolve("ca.p12");
        Path csr = dir.resolve("server.csr");
        for (Path old : List.of(ca, keystore(), csr, caPem(), serverPem(), serverKey())) {
            Files.deleteIfExists(old);
        }
        keytool("-genkeypair", "-keystore", ca, "-alias", "ca", "-dname", "CN=trin test CA",
                "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign");
        keytool("-genkeypair", "-keystore", keystore(), "-alias", "server", "-dname", "CN=localhost");
        keytool("-certreq", "-keystore", keystore(), "-alias", "server", "-file", csr);
        keytool("-gencert", "-keystore", ca, "-alias", "ca", "-infile", csr, "-outfile", serverPem(), "-rfc",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "eku=serverAuth",
                "-ext", "ku:c=digitalSignature");
        Files.delete(csr);
        try {
            completeInJava(ca);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot complete the keystores in " + dir, e);
        }
    }

    /** What needs no new key: cheaper here than more keytool runs, each a JVM start. */
    private void completeInJava(Path ca) throws IOException, GeneralSecurityException {
        Certificate caCert = KeyStore.getInstance(ca.toFile(), keystorePassword()).getCertificate("ca");
        writePem(caPem(), "CERTIFICATE", caCert.getEncoded(), false);
        Certificate serverCert;
        try (InputStream in = Files.newInputStream(serverPem())) {
            serverCert = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore server = KeyStore.getInstance(keystore().toFile(), keystorePassword());
        Key key = server.getKey("server", keystorePassword());
        server.setKeyEntry("server", key, keystorePassword(), new Certificate[] {serverCert, caCert});
        try (OutputStream out = Files.newOutputStream(keystore())) {
            server.store(out, keystorePassword());
        }
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IOException("unexpected key encoding " + key.getFormat());
        }
        writePem(serverKey(), "PRIVATE KEY", key.getEncoded(), true);
    }

    private static void writePem(Path file, String type, byte[] der, boolean secret) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(der);
        String pem = "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
        if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, pem, US_ASCII);
    }

    /** Runs keytool with the common options (EC P-256, PKCS12, one password, a week from yesterday). */
    static void keytool(Object... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(keytoolPath().toString()));
        for (Object arg : args) {
            command.add(arg.toString());
        }
        String verb = command.get(1);
        if (verb.equals("-genkeypair")) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1"));
        }
        if (verb.equals("-genkeypair") || verb.equals("-gencert")) {
            command.addAll(List.of("-validity", "7", "-startdate", "-1d"));
        }
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Path log = Files.createTempFile("keytool", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        process.getOutputStream().close(); // never prompt: an end of input makes keytool fail instead
        try {
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool " + verb + " did not finish in " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("keytool " + verb + " failed (" + process.exitValue() + "): "
                        + Files.readString(log, US_ASCII));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool " + verb, e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Path keytoolPath() throws IOException {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        for (String name : List.of("keytool", "keytool.exe")) {
            if (Files.isExecutable(bin.resolve(name))) {
                return bin.resolve(name);
            }
        }
        throw new IOException("no keytool in " + bin + ": a JDK or full JRE is needed");
    }
}
