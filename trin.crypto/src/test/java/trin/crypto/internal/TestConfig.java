package trin.crypto.internal;

import java.nio.file.Path;
import java.util.Map;

import trin.testkit.Configurations;

/** {@link CryptoConfiguration}s as DS would give them, for constructing the components directly. */
final class TestConfig {

    private TestConfig() {
    }

    static CryptoConfiguration of(Path keyDir, String registrationUrl, int registrationTimeout) {
        return Configurations.of(CryptoConfiguration.class, Map.of("keyDir", keyDir.toString(), "registrationUrl",
                registrationUrl, "registrationTimeout", registrationTimeout));
    }
}
