package trin.hw.raspberrypi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;

import trin.api.health.Detail;
import trin.api.health.HealthReporter;
import trin.hw.raspberrypi.internal.RecordingBundleContext.Registration;
import trin.testkit.LogCapture;

class PiFirmwareHealthRegistrarTest {

    @TempDir
    Path dir;

    private final RecordingBundleContext bundle = new RecordingBundleContext();

    @Test
    void givenRaspberryPi_whenActivated_thenRegistersSystemReporterRankedAboveTheGenericOne() throws Exception {
        Path vcgencmd = Fixtures.fakeVcgencmd(dir, "vcgencmd/measure_volts-core-pi-zero-w-turbo.txt",
                "vcgencmd/measure_temp-right-quote.txt", 0);

        new PiFirmwareHealthRegistrar(bundle.context(),
                config(cpuinfo("raspberry-pi-zero-w-armv6.txt"), vcgencmd.toString(), thermalZone()));

        assertThat(bundle.registrations).hasSize(1);
        Registration registration = bundle.registrations.get(0);
        assertThat(registration.clazz).isEqualTo(HealthReporter.class);
        assertThat(registration.properties.get(HealthReporter.SCOPE)).isEqualTo("system");
        assertThat(registration.properties.get(Constants.SERVICE_RANKING)).isEqualTo(100);
        assertThat(((HealthReporter) registration.service).report(Detail.BASIC))
                .containsExactly(entry("volts", 1.35), entry("cpu_tmp", 48.3));
    }

    @Test
    void givenRegisteredReporter_whenDeactivated_thenUnregistered() throws IOException {
        PiFirmwareHealthRegistrar registrar = new PiFirmwareHealthRegistrar(bundle.context(),
                config(cpuinfo("raspberry-pi-4b-aarch64.txt"), "vcgencmd", thermalZone()));

        registrar.deactivate();

        assertThat(bundle.registrations).singleElement().satisfies(r -> assertThat(r.unregistered).isTrue());
    }

    @Test
    void givenX86Machine_whenActivatedAndDeactivated_thenNothingRegistered() throws IOException {
        PiFirmwareHealthRegistrar registrar = new PiFirmwareHealthRegistrar(bundle.context(),
                config(cpuinfo("x86-amd-epyc.txt"), "vcgencmd", thermalZone()));
        registrar.deactivate();

        assertThat(bundle.registrations).isEmpty();
    }

    @Test
    void givenMissingCpuinfo_whenActivated_thenNothingRegistered() {
        new PiFirmwareHealthRegistrar(bundle.context(), config(dir.resolve("missing"), "vcgencmd", dir));

        assertThat(bundle.registrations).isEmpty();
    }

    @Test
    void givenNoVcgencmdAtStart_thenLookedForOnceLoggedOnceAndNotRunLater() throws Exception {
        Path vcgencmd = dir.resolve("vcgencmd");
        HealthReporter reporter;
        try (LogCapture log = new LogCapture()) {
            new PiFirmwareHealthRegistrar(bundle.context(),
                    config(cpuinfo("raspberry-pi-3b-armv7.txt"), vcgencmd.toString(), thermalZone()));
            reporter = (HealthReporter) bundle.registrations.get(0).service;
            Fixtures.fakeVcgencmd(dir, "vcgencmd/measure_volts-core-pi3b.txt", "vcgencmd/measure_temp.txt", 0);

            assertThat(reporter.report(Detail.BASIC)).containsExactly(entry("cpu_tmp", 48.3));
            assertThat(reporter.report(Detail.BASIC)).containsExactly(entry("cpu_tmp", 48.3));
            assertThat(log.linesContaining("No vcgencmd")).singleElement().asString().contains(vcgencmd.toString());
        }
        assertThat(Fixtures.asked(dir)).isZero();
    }

    private Path cpuinfo(String fixture) throws IOException {
        return Files.writeString(dir.resolve(fixture), CpuInfoTest.fixture(fixture));
    }

    private Path thermalZone() throws IOException {
        return Fixtures.copy("thermal_zone/temp-48312.txt", dir.resolve("thermal_zone0_temp"));
    }

    static PiFirmwareHealthRegistrarConfiguration config(Path cpuinfo, String vcgencmd, Path thermalZone) {
        return new PiFirmwareHealthRegistrarConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PiFirmwareHealthRegistrarConfiguration.class;
            }

            @Override
            public String cpuinfo() {
                return cpuinfo.toString();
            }

            @Override
            public String vcgencmd() {
                return vcgencmd;
            }

            @Override
            public long vcgencmdTimeoutMillis() {
                return 5000;
            }

            @Override
            public String thermalZone() {
                return thermalZone.toString();
            }
        };
    }
}
