package trin.hw.raspberrypi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VcgencmdTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void givenBareName_thenFoundOnThePathBeforeTheWellKnownDirs() throws IOException {
        Path onPath = Files.createDirectory(dir.resolve("bin"));
        Path wellKnown = Files.createDirectory(dir.resolve("opt"));
        Path expected = Fixtures.script(onPath, "exit 0\n");
        Fixtures.script(wellKnown, "exit 0\n");

        assertThat(Vcgencmd.locate("vcgencmd", dir.resolve("nowhere") + ":" + onPath, List.of(wellKnown)))
                .contains(expected);
    }

    @Test
    void givenBareNameNotOnThePath_thenFoundInAWellKnownDir() throws IOException {
        Path wellKnown = Files.createDirectory(dir.resolve("opt"));
        Path expected = Fixtures.script(wellKnown, "exit 0\n");

        assertThat(Vcgencmd.locate(" vcgencmd ", "/nonexistent::", List.of(dir.resolve("usr"), wellKnown)))
                .contains(expected);
        assertThat(Vcgencmd.locate("vcgencmd", null, List.of(wellKnown))).contains(expected);
    }

    @Test
    void givenNoExecutableAnywhere_thenNone() throws IOException {
        Files.writeString(dir.resolve("vcgencmd"), "not executable");

        assertThat(Vcgencmd.locate("vcgencmd", dir.toString(), List.of(dir))).isEmpty();
        assertThat(Vcgencmd.locate("vcgencmd", dir.resolve("vcgencmd").toString(), List.of())).isEmpty();
        assertThat(Vcgencmd.locate("", dir.toString(), List.of(dir))).isEmpty();
    }

    @Test
    void givenConfiguredPath_thenThatOrNone() throws IOException {
        Path script = Fixtures.script(dir, "exit 0\n");

        assertThat(Vcgencmd.locate(script.toString(), "", List.of())).contains(script);
        assertThat(Vcgencmd.locate(dir.resolve("missing/vcgencmd").toString(), dir.toString(), List.of(dir)))
                .isEmpty();
    }

    @Test
    void givenFakeVcgencmd_whenAsked_thenItsOutputAndExitCode() throws IOException {
        Vcgencmd vcgencmd = new Vcgencmd(
                Fixtures.fakeVcgencmd(dir, "vcgencmd/measure_volts-core-pi3b.txt", "vcgencmd/measure_temp.txt", 0),
                TIMEOUT);

        assertThat(vcgencmd.ask("measure_volts", "core")).contains(new Vcgencmd.Answer(0, "volt=1.2000V\n"));
        assertThat(vcgencmd.ask("measure_temp")).contains(new Vcgencmd.Answer(0, "temp=48.3'C\n"));
        assertThat(vcgencmd.ask("measure_clock", "arm")).get().extracting(Vcgencmd.Answer::exitCode).isEqualTo(1);
    }

    @Test
    void givenErrorOnStandardError_whenAsked_thenItIsInTheAnswer() throws IOException {
        Vcgencmd vcgencmd = new Vcgencmd(
                Fixtures.script(dir, "echo 'VCHI initialization failed' >&2\nexit 255\n"), TIMEOUT);

        assertThat(vcgencmd.ask("measure_temp")).contains(new Vcgencmd.Answer(255, "VCHI initialization failed\n"));
    }

    @Test
    void givenVcgencmdThatHangs_whenAsked_thenNoAnswerAfterTheTimeout() throws IOException {
        Vcgencmd vcgencmd = new Vcgencmd(Fixtures.script(dir, "echo partial\nexec sleep 30\n"),
                Duration.ofMillis(300));

        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThat(vcgencmd.ask("measure_temp")).isEmpty());
    }

    @Test
    void givenVcgencmdLeavingAChildHoldingItsOutput_whenAsked_thenAnswersWithoutWaitingForTheChild()
            throws IOException {
        Vcgencmd vcgencmd = new Vcgencmd(Fixtures.script(dir, "echo \"temp=48.3'C\"\nsleep 5 &\nexit 0\n"),
                TIMEOUT);

        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThat(vcgencmd.ask("measure_temp")).contains(new Vcgencmd.Answer(0, "temp=48.3'C\n")));
    }

    @Test
    void givenProgramThatIsGone_whenAsked_thenIOException() {
        Vcgencmd vcgencmd = new Vcgencmd(dir.resolve("vcgencmd"), TIMEOUT);

        assertThatThrownBy(() -> vcgencmd.ask("measure_temp")).isInstanceOf(IOException.class);
    }
}
