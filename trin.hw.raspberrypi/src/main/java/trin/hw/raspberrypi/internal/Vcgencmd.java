package trin.hw.raspberrypi.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The firmware's {@code vcgencmd}, run with a bounded wait: one short process
 * per question.
 */
final class Vcgencmd {

    /** What it printed, standard error included, and its exit code. */
    record Answer(int exitCode, String text) {
    }

    /** Where Raspberry Pi OS puts it: /usr/bin now, /opt/vc/bin before Bullseye. */
    static final List<Path> WELL_KNOWN_DIRS = List.of(Path.of("/usr/bin"), Path.of("/opt/vc/bin"));
    private static final int MAX_OUTPUT = 4096;

    private final Path program;
    private final Duration timeout;

    Vcgencmd(Path program, Duration timeout) {
        this.program = program;
        this.timeout = timeout;
    }

    Path program() {
        return program;
    }

    /**
     * Finds the program: a configured path is taken as it is, a bare name is
     * looked for on the PATH and then in the {@link #WELL_KNOWN_DIRS}.
     *
     * @return the executable, or empty when there is none
     */
    static Optional<Path> locate(String configured, String pathVariable, List<Path> wellKnownDirs) {
        String name = configured == null ? "" : configured.strip();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (name.contains("/")) {
            return Optional.of(Path.of(name)).filter(Vcgencmd::isExecutable);
        }
        Stream<Path> onPath = pathVariable == null ? Stream.empty()
                : Stream.of(pathVariable.split(File.pathSeparator)).filter(dir -> !dir.isEmpty()).map(Path::of);
        return Stream.concat(onPath, wellKnownDirs.stream())
                .map(dir -> dir.resolve(name))
                .filter(Vcgencmd::isExecutable)
                .findFirst();
    }

    private static boolean isExecutable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /**
     * @return the answer, or empty when it took longer than the timeout (the
     *         process is then killed) or the thread was interrupted
     * @throws IOException when the program cannot be started
     */
    Optional<Answer> ask(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .start();
        try (InputStream out = process.getInputStream()) {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new Answer(process.exitValue(), written(out)));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * What the exited process wrote: only what is there, so that a child it
     * left holding the pipe cannot make us wait.
     */
    private static String written(InputStream out) throws IOException {
        byte[] bytes = new byte[MAX_OUTPUT];
        int length = 0;
        int available;
        while (length < MAX_OUTPUT && (available = out.available()) > 0) {
            int read = out.read(bytes, length, Math.min(available, MAX_OUTPUT - length));
            if (read < 0) {
                break;
            }
            length += read;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
