package trin.health.internal;

import java.util.Map;

import trin.testkit.Configurations;

/** {@link SystemHealthConfiguration}s for tests and the benchmark. */
final class Configs {

    private Configs() {
    }

    static SystemHealthConfiguration config(long cpuSampleMillis, boolean cpuTemperature, String... mountPoints) {
        return Configurations.of(SystemHealthConfiguration.class, Map.of("cpuSampleMillis", cpuSampleMillis,
                "cpuTemperature", cpuTemperature, "mountPoints", mountPoints.clone()));
    }
}
