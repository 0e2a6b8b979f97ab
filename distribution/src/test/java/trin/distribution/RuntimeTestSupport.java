package trin.distribution;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import trin.devbroker.SmartBroker;
import trin.testkit.MqttProbe;

/** What the tests of a running distribution share: a copy of it, a probe, a broker playing the platform. */
abstract class RuntimeTestSupport {

    static final Duration START = Duration.ofSeconds(90);
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    Distribution trin;
    MqttProbe probe;
    SmartBroker platform;

    @AfterEach
    void cleanUp() {
        if (probe != null) {
            probe.close();
        }
        if (trin != null) {
            trin.close();
        }
        if (platform != null) {
            platform.close();
        }
    }
}
