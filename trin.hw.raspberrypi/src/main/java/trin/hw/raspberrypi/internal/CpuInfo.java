package trin.hw.raspberrypi.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Raspberry Pi UID from the text of {@code /proc/cpuinfo}: {@code AAA}
 * and the last 12 of the 16 hex digits of the {@code Serial} line,
 * upper-case.
 */
final class CpuInfo {

    private static final Pattern SERIAL = Pattern.compile("[0-9a-fA-F]{16}");
    private static final Pattern ZEROS = Pattern.compile("0{16}");

    private CpuInfo() {
    }

    /**
     * @return the UID, or empty when there is no serial or it is malformed
     */
    static Optional<String> uid(String cpuinfo) {
        return serial(cpuinfo).map(serial -> "AAA" + serial.substring(4).toUpperCase(Locale.ROOT));
    }

    private static Optional<String> serial(String cpuinfo) {
        return cpuinfo.lines()
                .filter(line -> line.indexOf(':') >= 0)
                .filter(line -> line.substring(0, line.indexOf(':')).trim().equals("Serial"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                // an all-zero serial (emulators, some boards) is the same on every device: no identity
                .filter(value -> SERIAL.matcher(value).matches() && !ZEROS.matcher(value).matches());
    }
}
