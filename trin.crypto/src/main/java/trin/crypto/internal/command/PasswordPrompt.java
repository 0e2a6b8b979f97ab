package trin.crypto.internal.command;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Supplier;

import org.apache.felix.service.command.CommandSession;

/**
 * Reads a password without echo: from the Gogo session's JLine reader (called
 * reflectively, so that we need no JLine dependency), else from the console.
 */
final class PasswordPrompt {

    static final String READER = ".reader";

    /** JLine's {@code LineReaderImpl.NULL_MASK}: nothing is echoed, not even stars. */
    private static final Character NO_ECHO = '\0';

    private final Supplier<Console> console;

    PasswordPrompt(Supplier<Console> console) {
        this.console = console;
    }

    static PasswordPrompt system() {
        return new PasswordPrompt(System::console);
    }

    /**
     * @return the password; the caller clears it
     * @throws IllegalStateException when there is no way to read it without echo, or the user cancelled
     */
    char[] read(CommandSession session, String prompt) {
        Object reader = session == null ? null : session.get(READER);
        if (reader != null) {
            return fromLineReader(reader, prompt);
        }
        Console terminal = console.get();
        if (terminal != null) {
            char[] password = terminal.readPassword("%s", prompt);
            if (password == null) {
                throw new IllegalStateException("Registration cancelled.");
            }
            return password;
        }
        throw new IllegalStateException("There is no terminal to read the password from without echo: run "
                + "trin:register in an interactive shell, or bin/trin register <username> in a terminal.");
    }

    private static char[] fromLineReader(Object reader, String prompt) {
        Method readLine = publicReadLine(reader.getClass());
        if (readLine == null) {
            throw new IllegalStateException("The shell's line reader (" + reader.getClass().getName()
                    + ") cannot read a password without echo.");
        }
        Object line;
        try {
            line = readLine.invoke(reader, prompt, NO_ECHO);
        } catch (InvocationTargetException e) {
            // JLine's UserInterruptException (Ctrl-C) or EndOfFileException (Ctrl-D).
            throw new IllegalStateException("Registration cancelled.", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("The shell's line reader cannot be called: " + e.getMessage(), e);
        }
        if (line == null) {
            throw new IllegalStateException("Registration cancelled.");
        }
        return line.toString().toCharArray();
    }

    /** From a public type (JLine's {@code LineReader}), so that it can be called whatever the implementation. */
    private static Method publicReadLine(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (Modifier.isPublic(type.getModifiers())) {
            try {
                return type.getMethod("readLine", String.class, Character.class);
            } catch (NoSuchMethodException e) {
                // look further up
            }
        }
        for (Class<?> inherited : type.getInterfaces()) {
            Method method = publicReadLine(inherited);
            if (method != null) {
                return method;
            }
        }
        return publicReadLine(type.getSuperclass());
    }
}
