package trin.hw.raspberrypi.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.health.Detail;
import trin.api.health.HealthReporter;

/**
 * A Raspberry Pi's firmware readings, the same in basic and full reports:
 * {@code volts}, the core voltage from {@code vcgencmd measure_volts core},
 * and {@code cpu_tmp} from {@code vcgencmd measure_temp}, or from the thermal
 * zone when vcgencmd has no answer. Registered by
 * {@link PiFirmwareHealthRegistrar} only on a Raspberry Pi.
 *
 * <p>A reading that fails is left out with one log line; it is logged again
 * only after it has worked in between.
 */
final class PiFirmwareHealth implements HealthReporter {

    static final String VOLTS = "volts";
    static final String CPU_TEMPERATURE = "cpu_tmp";
    private static final int EXCERPT_CHARS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(PiFirmwareHealth.class);

    private final Path thermalZone;
    private final Set<String> failing = new HashSet<>();
    private Vcgencmd vcgencmd;

    /** @param vcgencmd {@code null} when there is none */
    PiFirmwareHealth(Vcgencmd vcgencmd, Path thermalZone) {
        this.vcgencmd = vcgencmd;
        this.thermalZone = thermalZone;
    }

    @Override
    public String name() {
        return "raspberrypi";
    }

    @Override
    public synchronized Map<String, Object> report(Detail detail) {
        Map<String, Object> report = new LinkedHashMap<>();
        ask(FirmwareText::volts, "measure_volts", "core").ifPresent(volts -> report.put(VOLTS, volts));
        ask(FirmwareText::celsius, "measure_temp").or(this::thermalZoneCelsius)
                .ifPresent(celsius -> report.put(CPU_TEMPERATURE, celsius));
        return report;
    }

    private Optional<Double> ask(Function<String, Optional<Double>> parser, String... arguments) {
        if (vcgencmd == null) {
            return Optional.empty();
        }
        String question = "vcgencmd " + String.join(" ", arguments);
        Optional<Vcgencmd.Answer> answer;
        try {
            answer = vcgencmd.ask(arguments);
        } catch (IOException e) {
            LOG.warn("Cannot run {} ({}): no more firmware readings from it", vcgencmd.program(), e.toString());
            vcgencmd = null;
            return Optional.empty();
        }
        if (answer.isEmpty()) {
            failed(question, "{} gave no answer in time: left out", question);
            return Optional.empty();
        }
        Optional<Double> value = answer.map(Vcgencmd.Answer::text).flatMap(parser);
        if (value.isPresent()) {
            worked(question);
        } else {
            failed(question, "{} answered \"{}\" (exit code {}): left out", question,
                    excerpt(answer.get().text()), answer.get().exitCode());
        }
        return value;
    }

    private Optional<Double> thermalZoneCelsius() {
        String key = thermalZone.toString();
        String text;
        try {
            text = new String(Files.readAllBytes(thermalZone), StandardCharsets.UTF_8);
        } catch (IOException e) {
            failed(key, "Cannot read the temperature from {} ({}): no cpu_tmp", thermalZone, e.toString());
            return Optional.empty();
        }
        Optional<Double> value = FirmwareText.thermalZoneCelsius(text);
        if (value.isPresent()) {
            worked(key);
        } else {
            failed(key, "{} holds \"{}\", not a temperature: no cpu_tmp", thermalZone, excerpt(text));
        }
        return value;
    }

    private void failed(String key, String message, Object... arguments) {
        if (failing.add(key)) {
            LOG.warn(message, arguments);
        } else {
            LOG.debug(message, arguments);
        }
    }

    private void worked(String key) {
        if (failing.remove(key)) {
            LOG.info("{} works again", key);
        }
    }

    private static String excerpt(String text) {
        String stripped = text.strip();
        return stripped.length() > EXCERPT_CHARS ? stripped.substring(0, EXCERPT_CHARS) + "..." : stripped;
    }
}
