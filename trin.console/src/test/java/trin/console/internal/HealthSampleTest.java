package trin.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HealthSampleTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void givenABasicReport_thenCpuMemoryDiskAndTemperatureAreRead() {
        Map<String, Object> report = Map.of("cpu_usg", 12.5, "cpu_tmp", 48.2,
                "mem", Map.of("total", 100, "percent", 41.0),
                "disk", Map.of("total", 100, "percent", 73.1),
                "disks", Map.of("/data", Map.of("percent", 5.0)));

        HealthSample sample = HealthSample.of(NOW, report);

        assertThat(sample).isEqualTo(new HealthSample(NOW, 12.5, 41.0, 73.1, 48.2));
    }

    @Test
    void givenOnlyExtraMountPoints_thenTheFirstIsTheDisk() {
        HealthSample sample = HealthSample.of(NOW, Map.of("disks", Map.of("/data", Map.of("percent", 5.0))));

        assertThat(sample.disk()).isEqualTo(5.0);
    }

    @Test
    void givenNoTemperatureOrANonNumber_thenItIsMissing_notZero() {
        HealthSample sample = HealthSample.of(NOW, Map.of("cpu_usg", 3, "cpu_tmp", Double.NaN, "mem", "?"));

        assertThat(sample.cpu()).isEqualTo(3.0);
        assertThat(sample.temperature()).isNull();
        assertThat(sample.memory()).isNull();
        assertThat(sample.empty()).isFalse();
        assertThat(HealthSample.of(NOW, Map.of()).empty()).isTrue();
    }
}
