package trin.health.internal;

import java.lang.annotation.Annotation;

/** {@link SystemHealthConfiguration}s for the benchmark (trin.health's tests have their own). */
final class BenchConfigs {

    private BenchConfigs() {
    }

    static SystemHealthConfiguration config(long cpuSampleMillis, boolean cpuTemperature, String... mountPoints) {
        return new SystemHealthConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SystemHealthConfiguration.class;
            }

            @Override
            public String[] mountPoints() {
                return mountPoints.clone();
            }

            @Override
            public long cpuSampleMillis() {
                return cpuSampleMillis;
            }

            @Override
            public boolean cpuTemperature() {
                return cpuTemperature;
            }
        };
    }
}
