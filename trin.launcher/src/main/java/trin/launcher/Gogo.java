package trin.launcher;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Runs a Gogo command line in the framework, as the shell would. The Gogo
 * runtime is a bundle, so its classes are not the launcher's: they are loaded
 * from the bundle that registered the command processor, and called
 * reflectively.
 */
final class Gogo {

    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";

    private Gogo() {
    }

    /**
     * @param command a Gogo command line; values come in through {@code variables} ({@code $name}), so that
     *        nothing a user typed is parsed as Gogo syntax
     * @return the command's result as text, empty for none
     * @throws LauncherException when the shell runtime is missing or the command failed
     */
    static String execute(BundleContext context, String command, Map<String, Object> variables, InputStream in,
            OutputStream out, OutputStream err) {
        ServiceReference<?> reference = context.getServiceReference(PROCESSOR);
        if (reference == null) {
            throw new LauncherException("The Gogo shell runtime (org.apache.felix.gogo.runtime) is not running");
        }
        Object processor = context.getService(reference);
        try {
            Class<?> processorType = reference.getBundle().loadClass(PROCESSOR);
            Class<?> sessionType = reference.getBundle().loadClass(SESSION);
            Object session = processorType.getMethod("createSession", InputStream.class, OutputStream.class,
                    OutputStream.class).invoke(processor, in, out, err);
            try {
                Method put = sessionType.getMethod("put", String.class, Object.class);
                for (Map.Entry<String, Object> variable : variables.entrySet()) {
                    put.invoke(session, variable.getKey(), variable.getValue());
                }
                Object result = sessionType.getMethod("execute", CharSequence.class).invoke(session, command);
                return result == null ? "" : result.toString();
            } finally {
                try {
                    sessionType.getMethod("close").invoke(session);
                } catch (InvocationTargetException | LinkageError e) {
                    if (!stopping(context)) {
                        throw e;
                    }
                }
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LinkageError && stopping(context)) {
                // The command stopped the framework (exit, then yes): the shell's classes went with it.
                return "";
            }
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            throw new LauncherException(message, cause);
        } catch (ReflectiveOperationException e) {
            throw new LauncherException("Cannot call the Gogo shell runtime: " + e, e);
        } finally {
            try {
                context.ungetService(reference);
            } catch (IllegalStateException e) {
                // the framework stopped meanwhile (the command was exit, or SIGTERM came): nothing to give back
            }
        }
    }

    /** The framework is stopping or has stopped: a command such as exit did it. */
    private static boolean stopping(BundleContext context) {
        try {
            return context.getBundle(0).getState() != org.osgi.framework.Bundle.ACTIVE;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
