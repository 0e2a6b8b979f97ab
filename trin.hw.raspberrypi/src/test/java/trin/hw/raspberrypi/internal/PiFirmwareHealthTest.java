package trin.hw.raspberrypi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.api.health.Detail;
import trin.testkit.LogCapture;

class PiFirmwareHealthTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private Path thermalZone(String fixture) throws IOException {
        return Fixtures.copy("thermal_zone/" + fixture, dir.resolve("temp"));
    }

    private PiFirmwareHealth withFakeVcgencmd(String volts, String temp, int exitCode, Path thermalZone)
            throws IOException {
        return new PiFirmwareHealth(
                new Vcgencmd(Fixtures.fakeVcgencmd(dir, "vcgencmd/" + volts, "vcgencmd/" + temp, exitCode), TIMEOUT),
                thermalZone);
    }

    @Test
    void givenWorkingVcgencmd_thenVoltsAndTemperatureFromTheFirmwareInBasicAndFull() throws IOException {
        PiFirmwareHealth health = withFakeVcgencmd("measure_volts-core-pi3b.txt", "measure_temp-pi4b-busy.txt", 0,
                thermalZone("temp-48312.txt"));

        Map<String, Object> basic = health.report(Detail.BASIC);
        Map<String, Object> full = health.report(Detail.FULL);

        assertThat(basic).containsExactly(entry("volts", 1.2), entry("cpu_tmp", 61.8));
        assertThat(full).isEqualTo(basic);
        assertThat(Fixtures.asked(dir)).as("one vcgencmd per reading per report").isEqualTo(4);
    }

    @Test
    void givenVcgencmdWithoutVchiAccess_thenNoVoltsAndTemperatureFromTheThermalZone() throws IOException {
        PiFirmwareHealth health = withFakeVcgencmd("vchi-initialization-failed.txt",
                "vchi-initialization-failed.txt", 255, thermalZone("temp-48312.txt"));

        assertThat(health.report(Detail.BASIC)).containsExactly(entry("cpu_tmp", 48.3));
    }

    @Test
    void givenOddVcgencmdOutputEveryReport_thenOneLogLinePerReadingNotOnePerReport() throws IOException {
        PiFirmwareHealth health = withFakeVcgencmd("failed-to-open-vchiq-instance.txt", "empty.txt", 0,
                thermalZone("temp-48312.txt"));

        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 3; i++) {
                assertThat(health.report(Detail.BASIC)).containsOnlyKeys("cpu_tmp");
            }

            assertThat(log.linesContaining("measure_volts core")).singleElement().asString()
                    .contains("WARN", "failed to open vchiq instance");
            assertThat(log.linesContaining("measure_temp")).singleElement().asString().contains("WARN");
        }
    }

    @Test
    void givenReadingThatWorksAgainAndFailsAgain_thenLoggedAgain() throws IOException {
        PiFirmwareHealth health = withFakeVcgencmd("measure_volts-core-pi3b.txt", "empty.txt", 0,
                thermalZone("temp-48312.txt"));
        Path tempOut = dir.resolve("temp.out");

        try (LogCapture log = new LogCapture()) {
            health.report(Detail.BASIC);
            Fixtures.copy("vcgencmd/measure_temp.txt", tempOut);
            assertThat(health.report(Detail.BASIC)).containsEntry("cpu_tmp", 48.3);
            Fixtures.copy("vcgencmd/empty.txt", tempOut);
            health.report(Detail.BASIC);

            assertThat(log.linesContaining("vcgencmd measure_temp answered")).hasSize(2);
            assertThat(log.linesContaining("vcgencmd measure_temp works again")).hasSize(1);
        }
    }

    @Test
    void givenNoVcgencmd_thenTemperatureFromTheThermalZoneOnly() throws IOException {
        PiFirmwareHealth health = new PiFirmwareHealth(null, thermalZone("temp-48312.txt"));

        assertThat(health.report(Detail.FULL)).containsExactly(entry("cpu_tmp", 48.3));
    }

    @Test
    void givenMachineWithNoSensors_thenNothingAndOneLogLine() {
        PiFirmwareHealth health = new PiFirmwareHealth(null, dir.resolve("no-thermal-zone"));

        try (LogCapture log = new LogCapture()) {
            assertThat(health.report(Detail.BASIC)).isEmpty();
            assertThat(health.report(Detail.BASIC)).isEmpty();

            assertThat(log.linesContaining("no-thermal-zone")).singleElement().asString().contains("WARN");
        }
    }

    @Test
    void givenThermalZoneWithGarbage_thenNoTemperature() throws IOException {
        assertThat(new PiFirmwareHealth(null, thermalZone("garbage.txt")).report(Detail.BASIC)).isEmpty();
        assertThat(new PiFirmwareHealth(null, thermalZone("empty.txt")).report(Detail.BASIC)).isEmpty();
    }

    @Test
    void givenVcgencmdThatHangs_thenReportWithinTheTimeoutsAndTemperatureFromTheThermalZone() throws IOException {
        Path script = Fixtures.script(dir, "exec sleep 30\n");
        PiFirmwareHealth health = new PiFirmwareHealth(new Vcgencmd(script, Duration.ofMillis(200)),
                thermalZone("temp-48312.txt"));

        Map<String, Object> report = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> health.report(Detail.BASIC));

        assertThat(report).containsExactly(entry("cpu_tmp", 48.3));
    }

    @Test
    void givenVcgencmdThatCannotBeStarted_thenOneLogLineAndNeverTriedAgain() throws IOException {
        Path script = Fixtures.fakeVcgencmd(dir, "vcgencmd/measure_volts-core-pi3b.txt", "vcgencmd/measure_temp.txt", 0);
        PiFirmwareHealth health = new PiFirmwareHealth(new Vcgencmd(script, TIMEOUT), thermalZone("temp-48312.txt"));
        Path moved = Files.move(script, dir.resolve("elsewhere"));

        try (LogCapture log = new LogCapture()) {
            Map<String, Object> first = health.report(Detail.BASIC);
            Files.move(moved, script);
            Map<String, Object> second = health.report(Detail.BASIC);

            assertThat(first).containsExactly(entry("cpu_tmp", 48.3));
            assertThat(second).containsExactly(entry("cpu_tmp", 48.3));
            assertThat(Fixtures.asked(dir)).isZero();
            assertThat(log.linesContaining("Cannot run")).singleElement().asString().contains("WARN");
        }
    }
}
