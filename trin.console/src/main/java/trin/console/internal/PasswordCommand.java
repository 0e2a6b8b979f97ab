package trin.console.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/trin console-password [--iterations N]}: asks for the console's
 * password twice on the terminal, without echo (or reads one line from
 * standard input when that is not a terminal), and prints the line to put in
 * {@code conf/trin.console.cfg}: {@code passwordHash={pbkdf2-sha256}...}. The
 * password is never an argument, never printed. Runs without OSGi, on the JDK
 * alone: {@code java -cp 'bundle/console/*' trin.console.internal.PasswordCommand}.
 */
public final class PasswordCommand {

    private static final String USAGE = "Usage: bin/trin console-password [--iterations N]   (reads the password "
            + "without echo, or one line from standard input; prints passwordHash=... for conf/trin.console.cfg)";

    private PasswordCommand() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8));
        System.exit(run(List.of(args), System.console(), in, System.out, System.err));
    }

    /** @return the exit code */
    static int run(List<String> args, Console console, BufferedReader in, PrintStream out, PrintStream err)
            throws IOException {
        int iterations = Pbkdf2.DEFAULT_ITERATIONS;
        if (args.size() == 2 && args.get(0).equals("--iterations")) {
            try {
                iterations = Integer.parseInt(args.get(1));
            } catch (NumberFormatException e) {
                iterations = -1;
            }
            if (iterations < 1 || iterations > Pbkdf2.MAX_ITERATIONS) {
                err.println("--iterations: a number from 1 to " + Pbkdf2.MAX_ITERATIONS);
                return 2;
            }
        } else if (!args.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        char[] password = console != null ? fromTerminal(console) : fromInput(in);
        if (password == null) {
            err.println("No password: nothing was made.");
            return 1;
        }
        try {
            out.println("passwordHash=" + Pbkdf2.of(password, iterations, new SecureRandom()).format());
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] fromTerminal(Console console) {
        char[] first = console.readPassword("Password for the console's user trin: ");
        if (first == null || first.length == 0) {
            return null;
        }
        char[] again = console.readPassword("The same again: ");
        boolean same = Arrays.equals(first, again);
        if (again != null) {
            Arrays.fill(again, '\0');
        }
        if (!same) {
            Arrays.fill(first, '\0');
            console.printf("The two differ.%n");
            return null;
        }
        return first;
    }

    private static char[] fromInput(BufferedReader in) throws IOException {
        String line = in.readLine();
        return line == null || line.isEmpty() ? null : line.toCharArray();
    }
}
