package trin.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.LoggerFactory;

/**
 * The entry point of {@code bin/trin}.
 *
 * <pre>
 * bin/trin                                  run trin in the foreground (with the Gogo shell on a terminal)
 * bin/trin status | uid | cid | settings    ask the running trin
 * bin/trin event &lt;pid&gt; &lt;code&gt; &lt;text&gt;      have the running trin publish an event (trin:event)
 * bin/trin register &lt;username&gt; [customerId]   register this device with Smart (asks the password)
 * bin/trin try [number...]                  send the sample application the seed's sum_these, print the reply
 * bin/trin publish [-h host] [-p port] [-q qos] &lt;topic&gt; &lt;message&gt;
 * bin/trin console-password [--iterations N]   the web console's passwordHash line (bin/trin runs it, not this class)
 * </pre>
 *
 * <p>{@code bin/trin} sets {@code trin.home} and {@code trin.shell} (whether
 * standard input and output are a terminal).
 */
public final class Main {

    /** Exit code of {@code status} when trin is not running, as the LSB asks of init scripts. */
    static final int NOT_RUNNING = 3;
    /** Exit code of {@code status} when the asking user may not reach the running trin (LSB: insufficient privilege). */
    static final int NOT_ALLOWED = 4;

    private Main() {
    }

    public static void main(String[] args) {
        Home home = Home.locate();
        SystemProperties.apply(home);
        int code;
        try {
            code = run(home, Arrays.asList(args), System.out);
        } catch (LauncherException e) {
            System.err.println("trin: " + e.getMessage());
            if (Boolean.getBoolean("trin.debug") && e.getCause() != null) {
                e.getCause().printStackTrace();
            }
            code = 1;
        } catch (Exception e) {
            LoggerFactory.getLogger(Main.class).error("trin failed", e);
            code = 1;
        }
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** @return the exit code, or -1 when the JVM is already on its way out */
    static int run(Home home, List<String> args, PrintStream out) throws Exception {
        String command = args.isEmpty() ? "run" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        switch (command) {
            case "run":
                return new RunCommand(home, Boolean.getBoolean("trin.shell")).run();
            case "status":
            case "uid":
            case "cid":
            case "settings":
                return query(home, command, out);
            case "event":
                return query(home, RunCommand.eventRequest(home, rest), out);
            case "register":
                return new RegisterCommand(home, out).run(rest);
            case "try":
                return new MqttTools(home, out).tryIt(rest);
            case "publish":
                return new MqttTools(home, out).publish(rest);
            case "help":
            case "-h":
            case "--help":
                out.println(usage(home));
                return 0;
            default:
                throw new LauncherException("Unknown command '" + command + "'.\n" + usage(home));
        }
    }

    private static int query(Home home, String what, PrintStream out) throws IOException {
        // The control socket is in a directory only trin's user may enter: say so rather than "not running".
        if (Files.exists(home.data()) && (!Files.isExecutable(home.data())
                || Files.exists(home.run()) && !Files.isExecutable(home.run()))) {
            out.println("trin: " + System.getProperty("user.name") + " may not ask the running trin: its control "
                    + "socket (" + home.socket() + ") is its own user's. Ask as that user: " + home.script() + " "
                    + what.split("\t", 2)[0]);
            return NOT_ALLOWED;
        }
        Optional<ControlSocket.Answer> answer = ControlSocket.ask(home.socket(), what);
        if (answer.isEmpty()) {
            out.println("trin is not running from " + home.dir() + " (no answer on " + home.socket() + ")");
            return NOT_RUNNING;
        }
        out.println(answer.get().text().stripTrailing());
        return answer.get().code();
    }

    static String usage(Home home) {
        String trin = home.script();
        return String.join(System.lineSeparator(),
                "Usage:",
                "  " + trin + "                                run trin in the foreground (Gogo shell on a terminal)",
                "  " + trin + " status|uid|cid|settings        ask the running trin",
                "  " + trin + " event <pid> <code> <text>      have the running trin publish an event",
                "  " + trin + " register <username> [customer] register this device with Smart (asks the password)",
                "  " + trin + " try [number...]                send the sample application sum_these, print the reply",
                "  " + trin + " publish [-h host] [-p port] [-q qos] <topic> <message>",
                "  " + trin + " console-password [--iterations N]  print the web console's passwordHash line "
                        + "(asks the password)",
                "Configuration: " + home.conf() + "; JAVA_OPTS is passed to java.");
    }
}
