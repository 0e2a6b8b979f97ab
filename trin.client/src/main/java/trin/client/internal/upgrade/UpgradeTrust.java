package trin.client.internal.upgrade;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys whose signatures an upgrade's jars must carry: configuration
 * {@code upgradeTrust}, a PEM file holding the owner's signing certificate(s)
 * ({@code keytool -exportcert -rfc}) or public key(s) ({@code PUBLIC KEY}),
 * several for a change of keys. Trust is in the key itself: a jar's signing
 * certificate is trusted when its public key is one of these, whatever its
 * dates and whoever issued it (the certificate chain inside a jar is not
 * checked by the JDK, so a CA named there would prove nothing).
 */
final class UpgradeTrust {

    /** The configuration property, named in the replies and the log. */
    static final String PROPERTY = "upgradeTrust";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "EdDSA", "DSA");
    private static final long MAX_BYTES = 1 << 20;
    private static final String ONLY_PUBLIC = "it must hold only the owner's CERTIFICATE or PUBLIC KEY";

    private final List<PublicKey> keys;

    private UpgradeTrust(List<PublicKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * The keys in the file configured as {@code upgradeTrust}.
     *
     * @throws Staging.Refused when none is configured, or the file cannot be read or holds no key
     */
    static UpgradeTrust read(String path) throws Staging.Refused {
        if (path == null || path.isBlank()) {
            throw new Staging.Refused("no " + PROPERTY + " configured: upgrades are installed only when signed "
                    + "by a key the gateway trusts");
        }
        Path file = Path.of(path.trim());
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new Staging.Refused(PROPERTY + " " + file + " is larger than " + MAX_BYTES + " bytes: not a PEM");
            }
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new Staging.Refused(PROPERTY + " " + file + " cannot be read: " + e);
        }
        if (text.contains("PRIVATE KEY-----")) {
            // Also an encrypted or legacy key the pattern below skips: a secret in the wrong place, never echoed.
            throw new Staging.Refused(PROPERTY + " " + file + " holds a PRIVATE KEY: " + ONLY_PUBLIC);
        }
        List<PublicKey> keys = new ArrayList<>();
        Matcher block = PEM.matcher(text);
        while (block.find()) {
            keys.add(key(file, block.group(1), block.group(2)));
        }
        if (keys.isEmpty()) {
            throw new Staging.Refused(PROPERTY + " " + file + " holds no PEM CERTIFICATE or PUBLIC KEY");
        }
        return new UpgradeTrust(keys);
    }

    /** The certificate's key is one of the trusted keys. */
    boolean trusts(Certificate certificate) {
        PublicKey key = certificate.getPublicKey();
        for (PublicKey trusted : keys) {
            if (trusted.equals(key) || Arrays.equals(trusted.getEncoded(), key.getEncoded())) {
                return true;
            }
        }
        return false;
    }

    /** How many keys are trusted. */
    int size() {
        return keys.size();
    }

    /** A short name of a key for messages: the start of the SHA-256 of its encoding. */
    static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "SHA-256 " + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            return key.getAlgorithm();
        }
    }

    private static PublicKey key(Path file, String type, String base64) throws Staging.Refused {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new Staging.Refused(PROPERTY + " " + file + ": a " + type + " that is not Base64");
        }
        switch (type) {
            case "CERTIFICATE" -> {
                try {
                    return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der))
                            .getPublicKey();
                } catch (GeneralSecurityException | RuntimeException e) {
                    throw new Staging.Refused(PROPERTY + " " + file + ": a CERTIFICATE Java cannot read: "
                            + e.getMessage());
                }
            }
            case "PUBLIC KEY" -> {
                for (String algorithm : KEY_ALGORITHMS) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                    } catch (GeneralSecurityException | RuntimeException e) {
                        // not this algorithm: the next
                    }
                }
                throw new Staging.Refused(PROPERTY + " " + file + ": a PUBLIC KEY that is not "
                        + String.join(", ", KEY_ALGORITHMS));
            }
            default -> throw new Staging.Refused(PROPERTY + " " + file + " holds a " + type + ": " + ONLY_PUBLIC);
        }
    }
}
