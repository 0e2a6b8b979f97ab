package trin.launcher;

/** A failure to tell the user in one message, without a stack trace: what is wrong and what to do. */
final class LauncherException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LauncherException(String message) {
        super(message);
    }

    LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
