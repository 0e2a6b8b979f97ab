package trin.launcher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/trin} with no command: the runtime, in the foreground, until
 * SIGTERM (or, in the shell, {@code exit}, Ctrl-D or {@code stop 0}). Starts the LOCAL development broker
 * first when the configuration points at it, then the framework (with the LOCAL set-up's
 * bundles only in that case); on the way
 * out stops the framework first (the client publishes its will event and
 * disconnects) and the broker last.
 */
final class RunCommand {

    /** What {@code bin/trin status|uid|cid|settings} may ask the running runtime, and the shell command each runs. */
    static final Map<String, String> QUERIES = Map.of(
            "status", "trin:status",
            "uid", "trin:uid",
            "cid", "trin:cid",
            "settings", "trin:settings");

    /** The control request that publishes an event ({@link #eventRequest}). */
    static final String EVENT = "event";

    private static final long STOP_TIMEOUT_MILLIS = 30_000;
    /** The system property bin/trin sets to the file that says this run started (see markStartedForClassArchive). */
    static final String CDS_STARTED = "trin.cds.started";
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private final Home home;
    private final boolean shell;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private LocalBroker broker;
    private OsgiRuntime runtime;
    private ControlSocket control;

    RunCommand(Home home, boolean shell) {
        this.home = home;
        this.shell = shell;
    }

    int run() throws InterruptedException, IOException {
        long started = System.nanoTime();
        FileChannel lock = lock();
        Setup setup = Setup.read(home);
        describe(setup);
        if (setup.local()) {
            broker = LocalBroker.start(home, setup.port());
        }
        Thread hook = new Thread(() -> stop("stop signal: SIGTERM, SIGINT or SIGHUP"), "trin-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            runtime = OsgiRuntime.start(home, home.frameworkCache(), setup.local(), shell, name -> true);
        } catch (RuntimeException e) {
            stop("start-up failed");
            throw e;
        }
        openControlSocket();
        runtime.startConsole();
        LOG.info("trin started in {} ms from {}{}", (System.nanoTime() - started) / 1_000_000, home.dir(),
                shell ? "; the Gogo shell is on this terminal (help trin:status; exit, Ctrl-D or stop 0 stops trin)" : "");
        markStartedForClassArchive();
        ConnectWatch.start(runtime.context(), setup, home, runtime.console());
        runtime.awaitStop();
        stop("the framework stopped");
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            return -1; // the JVM is exiting already (SIGTERM): its hook finishes the job
        }
        lock.close();
        return 0;
    }

    /**
     * When bin/trin has this JVM write a class data sharing archive at its exit, it names a file to create once
     * trin has started ({@value #CDS_STARTED}): an archive of a run that never got this far (a port taken, a
     * bad configuration) holds too few classes to be worth keeping, and bin/trin drops it.
     */
    private static void markStartedForClassArchive() {
        String marker = System.getProperty(CDS_STARTED);
        if (marker == null || marker.isBlank()) {
            return;
        }
        try {
            Files.write(Path.of(marker), new byte[0]);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot mark the class archive's run as started ({}): {}", marker, e.toString());
        }
    }

    private void stop(String reason) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Stopping trin ({})", reason);
        if (runtime != null) {
            runtime.stop(STOP_TIMEOUT_MILLIS);
        }
        if (control != null) {
            control.close();
        }
        if (broker != null) {
            broker.close();
        }
        LOG.info("trin stopped");
    }

    /** One runtime per distribution directory: two would share the framework cache and the outbox. */
    private FileChannel lock() {
        try {
            FileChannel channel = FileChannel.open(home.prepareRun().resolve("trin.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new LauncherException("trin is already running from " + home.dir() + " (see: " + home.script()
                        + " status)");
            }
            return channel;
        } catch (IOException e) {
            throw new LauncherException("Cannot write to " + home.data() + " (" + e.getMessage()
                    + "): run trin as the user who owns " + home.dir(), e);
        }
    }

    private void describe(Setup setup) {
        if (setup.local()) {
            LOG.info("LOCAL development set-up (conf/trin.client.cfg: broker {}:{}; conf/trin.crypto.cfg: the "
                    + "development key in {}): starting the LOCAL development broker and the sample application, "
                    + "not connecting to the Smart platform", setup.host(), setup.port(), home.localKeyDir());
        } else if (setup.keyLocal()) {
            LOG.warn("conf/trin.client.cfg names the broker {}:{}, but conf/trin.crypto.cfg still names the LOCAL "
                    + "development key ({}), which that broker does not know. To use the Smart platform: "
                    + "cp conf/platform/*.cfg conf/ and {} register <username>", setup.host(), setup.port(),
                    home.localKeyDir(), home.script());
        } else {
            LOG.info("Broker {}:{} and key directory {}, as conf/ says; no local broker started, and the LOCAL "
                    + "set-up's bundles ({}: the sample application) are not installed", setup.host(), setup.port(),
                    setup.keyDir(), home.localBundles());
        }
    }

    private void openControlSocket() {
        try {
            control = ControlSocket.open(home.socket(), this::answer);
        } catch (IOException | RuntimeException e) {
            LOG.warn("'{} status' will not work: cannot listen on {}: {}", home.script(), home.socket(),
                    e.toString());
        }
    }

    /**
     * The control request of {@code bin/trin event <pid> <code> <text>}: its words separated by tabs (so no
     * argument may hold a tab or a line break), the text a variable of the command, never parsed by the shell.
     */
    static String eventRequest(Home home, List<String> args) {
        if (args.size() != 3 || args.stream().anyMatch(a -> a.isEmpty() || a.indexOf('\t') >= 0
                || a.indexOf('\n') >= 0 || a.indexOf('\r') >= 0)) {
            throw new LauncherException("Usage: " + home.script() + " event <pid> <code> <text>  (e.g. "
                    + home.script() + " event my_app_id 200 'pump started'; no tabs or line breaks)");
        }
        try {
            Integer.parseInt(args.get(1));
        } catch (NumberFormatException e) {
            throw new LauncherException("The event code must be a number, not '" + args.get(1) + "'");
        }
        String request = EVENT + "\t" + String.join("\t", args);
        if (request.getBytes(StandardCharsets.UTF_8).length > ControlSocket.MAX_REQUEST - 1) {
            throw new LauncherException("The event is too long: at most " + (ControlSocket.MAX_REQUEST - 64)
                    + " bytes");
        }
        return request;
    }

    private ControlSocket.Answer answer(String request) {
        if (request.equals("ping")) {
            return ControlSocket.Answer.ok("trin is running from " + home.dir());
        }
        String command = QUERIES.get(request);
        Map<String, Object> variables = Map.of();
        if (request.startsWith(EVENT + "\t")) {
            String[] words = request.split("\t", -1);
            if (words.length != 4) {
                return ControlSocket.Answer.error("An event request has a PID, a code and a text");
            }
            try {
                variables = Map.of("pid", words[1], "code", Integer.valueOf(words[2]), "text", words[3]);
            } catch (NumberFormatException e) {
                return ControlSocket.Answer.error("The event code must be a number, not '" + words[2] + "'");
            }
            command = "trin:event $pid $code $text";
        }
        if (command == null) {
            return ControlSocket.Answer.error("Unknown request '" + request + "'; known: " + QUERIES.keySet()
                    + " and " + EVENT);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            String result = Gogo.execute(runtime.context(), command, variables,
                    new ByteArrayInputStream(new byte[0]), out, out);
            return ControlSocket.Answer.ok(out.toString(StandardCharsets.UTF_8) + result);
        } catch (LauncherException e) {
            String message = e.getMessage();
            if (message != null && message.startsWith("Command not found")) {
                message = command + " is not there yet: the trin bundles are starting, or one of them failed "
                        + "(see the log)";
            }
            return ControlSocket.Answer.error(out.toString(StandardCharsets.UTF_8) + message);
        }
    }

    /** Whether a runtime answers on this distribution's control socket. */
    static Optional<String> running(Home home) {
        try {
            return ControlSocket.ask(home.socket(), "ping").map(ControlSocket.Answer::text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
