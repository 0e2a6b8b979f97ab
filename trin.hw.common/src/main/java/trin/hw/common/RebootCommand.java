package trin.hw.common;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured reboot command. The command line is split on whitespace
 * into the program and its arguments: no shell, no quoting.
 *
 * <p>Shared by the hardware bundles: each embeds a private copy of this
 * package (bnd's {@code -conditionalpackage}), so none exports it.
 */
public final class RebootCommand {

    static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final int EXCERPT_CHARS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(RebootCommand.class);

    private final List<String> argv;
    private final Duration wait;

    public RebootCommand(String commandLine) {
        this(commandLine, DEFAULT_WAIT);
    }

    RebootCommand(String commandLine, Duration wait) {
        String trimmed = commandLine == null ? "" : commandLine.trim();
        this.argv = trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
        this.wait = wait;
    }

    List<String> argv() {
        return argv;
    }

    /**
     * Starts the command and waits a bounded time for it. A command still
     * running after that is taken as a reboot under way, and left alone.
     */
    public void run() throws IOException {
        if (argv.isEmpty()) {
            throw new IOException("No reboot command configured (rebootCommand is empty)");
        }
        LOG.info("Rebooting with {}", argv);
        Path stderr = Files.createTempFile("trin-reboot", ".err");
        try {
            Process process = new ProcessBuilder(argv)
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectOutput(Redirect.DISCARD)
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("Reboot command {} still running after {}: not waiting longer", argv, wait);
                return;
            }
            int exit = process.exitValue();
            if (exit != 0) {
                throw new IOException("Reboot command " + argv + " failed with exit code " + exit + excerpt(stderr));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for reboot command " + argv);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static String excerpt(Path stderr) throws IOException {
        String text;
        try (InputStream in = Files.newInputStream(stderr)) {
            text = new String(in.readNBytes(EXCERPT_CHARS * 4), StandardCharsets.UTF_8).strip();
        }
        if (text.length() > EXCERPT_CHARS) {
            text = text.substring(0, EXCERPT_CHARS) + "...";
        }
        return text.isEmpty() ? "" : ": " + text;
    }
}
