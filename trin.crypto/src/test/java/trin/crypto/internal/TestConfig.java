package trin.crypto.internal;

import java.lang.annotation.Annotation;
import java.nio.file.Path;

/** A {@link CryptoConfiguration} as DS would give it, for constructing the components directly. */
final class TestConfig implements CryptoConfiguration {

    private final Path keyDir;
    private final String registrationUrl;
    private final int registrationTimeout;

    TestConfig(Path keyDir, String registrationUrl, int registrationTimeout) {
        this.keyDir = keyDir;
        this.registrationUrl = registrationUrl;
        this.registrationTimeout = registrationTimeout;
    }

    @Override
    public String keyDir() {
        return keyDir.toString();
    }

    @Override
    public String registrationUrl() {
        return registrationUrl;
    }

    @Override
    public int registrationTimeout() {
        return registrationTimeout;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return CryptoConfiguration.class;
    }
}
