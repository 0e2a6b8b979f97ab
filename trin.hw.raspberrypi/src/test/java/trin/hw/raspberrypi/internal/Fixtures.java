package trin.hw.raspberrypi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Firmware output texts from the test resources, and a fake vcgencmd that prints them. */
final class Fixtures {

    private Fixtures() {
    }

    static String text(String resource) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Path copy(String resource, Path target) throws IOException {
        return Files.writeString(target, text(resource));
    }

    /**
     * Writes an executable vcgencmd script into {@code dir} that answers
     * {@code measure_volts core} and {@code measure_temp} with the given
     * fixtures and exit code, and appends each question to {@code dir/asked}.
     */
    static Path fakeVcgencmd(Path dir, String voltsFixture, String tempFixture, int exitCode) throws IOException {
        Path volts = copy(voltsFixture, dir.resolve("volts.out"));
        Path temp = copy(tempFixture, dir.resolve("temp.out"));
        return script(dir, "echo \"$*\" >> '" + dir.resolve("asked") + "'\n"
                + "case \"$*\" in\n"
                + "  'measure_volts core') cat '" + volts + "' ;;\n"
                + "  'measure_temp') cat '" + temp + "' ;;\n"
                + "  *) echo 'error=1 error_msg=\"Command not registered\"'; exit 1 ;;\n"
                + "esac\n"
                + "exit " + exitCode + "\n");
    }

    static Path script(Path dir, String body) throws IOException {
        Path script = dir.resolve("vcgencmd");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    static long asked(Path dir) throws IOException {
        Path asked = dir.resolve("asked");
        return Files.exists(asked) ? Files.readAllLines(asked).size() : 0;
    }
}
