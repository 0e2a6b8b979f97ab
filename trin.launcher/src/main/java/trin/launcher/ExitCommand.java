package trin.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Set;

import org.osgi.framework.BundleContext;

/**
 * {@code exit} in the Gogo shell of {@code bin/trin}: asks, and stops trin only when the answer
 * is yes; otherwise says how to leave. The shell is trin's console, so leaving it means stopping
 * the gateway.
 *
 * <p>Without it, {@code exit} is {@code System.exit(int)}: Gogo's default profile adds every
 * method of {@code java.lang.System} as a command of the scope {@code system}, so a bare
 * {@code exit} fails with "Cannot coerce exit() to any of [(int)]" and {@code exit 0} ends the
 * JVM. That profile also sets {@code SCOPE = 'gogo:*'}, so this command is registered in the scope
 * {@code gogo}, which is searched first.
 *
 * <p>Gogo calls the methods reflectively; the launcher has no Gogo classes (the runtime is a
 * bundle), so they take and return JDK types only. Within a command, {@link System#in} and
 * {@link System#out} are the session's (Gogo's ThreadIO): the terminal in the shell.
 */
public final class ExitCommand {

    static final String QUESTION = "Stop trin? The gateway goes off the air until trin is started again. [y/N] ";
    static final String STOPPING = "Stopping trin.";
    static final String KEEP_RUNNING = "trin keeps running. This shell is trin's console: leaving it stops trin "
            + "(exit and answer y, Ctrl-D, or stop 0). To run trin without a terminal, run it as a service "
            + "(bin/trin.service; see the README).";
    static final String USAGE = "Usage: exit    asks, then stops trin (it takes no arguments; Ctrl-D and stop 0 "
            + "stop trin without asking)";

    private static final Set<String> YES = Set.of("y", "yes");
    private static final int MAX_ANSWER = 80;

    private final Runnable stop;

    ExitCommand(Runnable stop) {
        this.stop = stop;
    }

    /** Registers {@code gogo:exit} from the system bundle; {@code stop} must return at once. */
    static void register(BundleContext context, Runnable stop) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", "gogo");
        properties.put("osgi.command.function", new String[] {"exit"});
        context.registerService(Object.class.getName(), new ExitCommand(stop), properties);
    }

    /** {@code exit}: asks, and stops trin on yes. */
    public String exit() throws IOException {
        PrintStream out = System.out;
        out.print(QUESTION);
        out.flush();
        String answer = readLine(System.in);
        if (answer != null && YES.contains(answer.strip().toLowerCase(Locale.ROOT))) {
            stop.run();
            return STOPPING;
        }
        return KEEP_RUNNING;
    }

    /** {@code exit} with arguments: how to use it, and nothing else happens. */
    public String exit(Object... arguments) {
        return USAGE;
    }

    /** One line, without reading past it: the rest of the input is the shell's. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(Charset.defaultCharset());
            }
            if (b != '\r' && line.size() < MAX_ANSWER) {
                line.write(b);
            }
        }
        return line.toString(Charset.defaultCharset());
    }
}
