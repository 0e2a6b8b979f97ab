package trin.hw.raspberrypi.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readings from the texts the Raspberry Pi firmware and kernel give:
 * {@code vcgencmd measure_volts core}, {@code vcgencmd measure_temp} and a
 * thermal zone's {@code temp} file. Anything else (an error message, nothing,
 * garbage) is no reading.
 */
final class FirmwareText {

    private static final Pattern VOLTS = Pattern.compile("volt=(\\d{1,2}(?:\\.\\d+)?)V");
    // the degree sign comes as ' from the firmware, as ’ or ° from some builds and locales
    private static final Pattern TEMPERATURE = Pattern.compile("temp=(-?\\d{1,3}(?:\\.\\d+)?)\\s*['’°]?C");
    private static final Pattern MILLIDEGREES = Pattern.compile("(-?\\d{1,7})");
    private static final double COLDEST = -50;
    private static final double HOTTEST = 150;

    private FirmwareText() {
    }

    /** @return the volts of {@code volt=1.2000V} */
    static Optional<Double> volts(String text) {
        return match(VOLTS, text).map(Double::parseDouble).filter(volts -> volts > 0);
    }

    /** @return the degrees Celsius, one decimal, of {@code temp=48.3'C} */
    static Optional<Double> celsius(String text) {
        return match(TEMPERATURE, text).map(Double::parseDouble).flatMap(FirmwareText::plausible);
    }

    /**
     * @return the degrees Celsius, one decimal, of a thermal zone's millidegrees
     *         ({@code 48312}); 0 is what a zone without a sensor gives, not a
     *         reading
     */
    static Optional<Double> thermalZoneCelsius(String text) {
        return match(MILLIDEGREES, text).map(Long::parseLong).filter(millidegrees -> millidegrees != 0)
                .map(millidegrees -> millidegrees / 1000.0).flatMap(FirmwareText::plausible);
    }

    private static Optional<String> match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text == null ? "" : text.strip());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static Optional<Double> plausible(double celsius) {
        return celsius > COLDEST && celsius < HOTTEST
                ? Optional.of(Math.round(celsius * 10) / 10.0)
                : Optional.empty();
    }
}
