package trin.launcher;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Felix framework's own messages (a bundle that does not resolve or
 * start, ...), in the same log as everything else: one line each, the
 * stack trace only at debug level.
 */
final class FrameworkLog extends org.apache.felix.framework.Logger {

    private static final Logger LOG = LoggerFactory.getLogger("Felix");

    @Override
    @SuppressWarnings("rawtypes") // as Felix declares it
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        StringBuilder text = new StringBuilder();
        if (bundle != null && bundle.getBundleId() != 0) {
            text.append(bundle.getSymbolicName()).append(' ').append(bundle.getVersion()).append(": ");
        }
        text.append(msg);
        if (throwable != null) {
            text.append(": ").append(describe(throwable));
        }
        switch (level) {
            case LOG_ERROR -> LOG.error(text.toString());
            case LOG_WARNING -> LOG.warn(text.toString());
            case LOG_INFO -> LOG.info(text.toString());
            default -> LOG.debug(text.toString());
        }
        if (throwable != null) {
            LOG.debug("The framework's exception", throwable);
        }
    }

    private static String describe(Throwable throwable) {
        if (throwable instanceof BundleException && throwable.getMessage() != null) {
            // A resolution failure already says which package or capability is missing.
            return throwable.getMessage();
        }
        Throwable root = throwable;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == throwable ? throwable.toString() : throwable + " (caused by " + root + ")";
    }
}
