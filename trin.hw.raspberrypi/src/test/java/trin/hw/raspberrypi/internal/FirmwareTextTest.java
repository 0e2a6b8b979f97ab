package trin.hw.raspberrypi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FirmwareTextTest {

    @ParameterizedTest(name = "{0}: {1} V")
    @CsvSource({
        "measure_volts-core-pi3b.txt,            1.2",
        "measure_volts-core-pi-zero-w-turbo.txt, 1.35",
        "measure_volts-core-pi4b.txt,            0.85",
    })
    void givenMeasureVoltsCoreOutput_thenItsVolts(String fixture, double volts) throws IOException {
        assertThat(FirmwareText.volts(Fixtures.text("vcgencmd/" + fixture))).contains(volts);
    }

    @ParameterizedTest(name = "{0}: {1} °C")
    @CsvSource({
        "measure_temp.txt,             48.3",
        "measure_temp-right-quote.txt, 48.3",
        "measure_temp-pi4b-busy.txt,   61.8",
    })
    void givenMeasureTempOutput_thenItsDegreesCelsius(String fixture, double celsius) throws IOException {
        assertThat(FirmwareText.celsius(Fixtures.text("vcgencmd/" + fixture))).contains(celsius);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "vchi-initialization-failed.txt",
        "failed-to-open-vchiq-instance.txt",
        "command-not-registered.txt",
        "empty.txt",
    })
    void givenVcgencmdErrorOrNothing_thenNeitherReading(String fixture) throws IOException {
        String text = Fixtures.text("vcgencmd/" + fixture);

        assertThat(FirmwareText.volts(text)).isEmpty();
        assertThat(FirmwareText.celsius(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"temp=48.3C", "temp=48.3°C", "  temp=48.3'C\r\n", "temp=48.25'C"})
    void givenTemperatureWrittenDifferently_thenStill48Point3(String text) {
        assertThat(FirmwareText.celsius(text)).contains(48.3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"temp=48.3'F", "temp='C", "temp=1000.0'C", "temp=48.3'C trailing", "volt=1.2000V",
        "temp=48,3'C", "vcgencmd: command not found"})
    void givenOtherTemperatureText_thenNoReading(String text) {
        assertThat(FirmwareText.celsius(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"volt=V", "volt=1.2000", "volt=0.0000V", "volt=-1.2V", "temp=48.3'C", "volt=1,2000V"})
    void givenOtherVoltsText_thenNoReading(String text) {
        assertThat(FirmwareText.volts(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "temp-48312.txt,  48.3",
    })
    void givenThermalZoneMillidegrees_thenDegreesCelsiusToOneDecimal(String fixture, double celsius)
            throws IOException {
        assertThat(FirmwareText.thermalZoneCelsius(Fixtures.text("thermal_zone/" + fixture))).contains(celsius);
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty.txt", "garbage.txt", "no-sensor-0.txt"})
    void givenThermalZoneWithoutAReading_thenNone(String fixture) throws IOException {
        assertThat(FirmwareText.thermalZoneCelsius(Fixtures.text("thermal_zone/" + fixture))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5000", "39950\n", "85000"})
    void givenPlausibleThermalZoneValues_thenReadings(String text) {
        assertThat(FirmwareText.thermalZoneCelsius(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"48.312", "48312 48000", "-273150", "9999999", "0x48312"})
    void givenImplausibleOrMalformedThermalZoneValues_thenNone(String text) {
        assertThat(FirmwareText.thermalZoneCelsius(text)).isEmpty();
    }
}
