package trin.launcher;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the user, once, what matters after a start, in this order: in the
 * LOCAL set-up, that the client is connected; where the web console is, once
 * it is open (when it is in this run); in the LOCAL set-up, how to try the
 * sample application: the seed's mosquitto_pub line with this device's CID
 * and UID, and the equivalent that needs nothing installed. The client's
 * status is read reflectively: its classes belong to the bundles; the
 * console's address is the HTTP service's endpoint property.
 */
final class ConnectWatch {

    static final String SEED_PAYLOAD = "{\"c\": [123456789,\">a_tct\", [\"sum_these\",1,2,3]]}";
    /** The Felix Web Console's servlet context: registered once its security provider (trin's) is there. */
    static final String WEB_CONSOLE = "(osgi.http.whiteboard.context.name=org.apache.felix.webconsole)";
    static final String ENDPOINT = "osgi.http.endpoint";
    static final String CONSOLE_PAGE = "system/console/trin";
    private static final long WAIT_MILLIS = 120_000;
    private static final long CONSOLE_WAIT_MILLIS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(ConnectWatch.class);

    private ConnectWatch() {
    }

    static void start(BundleContext context, Setup setup, Home home, boolean console) {
        if (!setup.local() && !console) {
            return;
        }
        Thread thread = new Thread(() -> watch(context, setup, home, console), "trin-connect-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private static void watch(BundleContext context, Setup setup, Home home, boolean console) {
        try {
            Optional<String[]> ids = Optional.empty();
            if (setup.local()) {
                ids = await(() -> connectedIds(context), WAIT_MILLIS);
                if (ids.isEmpty()) {
                    LOG.warn("Not connected to the LOCAL development broker after {} s: see the messages above",
                            WAIT_MILLIS / 1000);
                    return;
                }
                LOG.info("LOCAL development set-up ready: device UID {}, customer (CID) {}, connected to the LOCAL "
                        + "development broker on {}:{} (not the Smart platform)", ids.get()[1], ids.get()[0],
                        host(setup), setup.port());
            }
            if (console) {
                // No word when it does not open (a port taken): the HTTP service says why itself.
                await(() -> consoleAddress(context), CONSOLE_WAIT_MILLIS).ifPresent(address -> LOG.info(
                        "Web console on {} (user trin; its password is in data/console.password unless "
                        + "conf/trin.console.cfg sets passwordHash)", address));
            }
            if (setup.local()) {
                banner(setup, home, ids.get()[0], ids.get()[1]);
            }
        } catch (InterruptedException | IllegalStateException e) {
            // the framework is stopping
        }
    }

    /** Polls {@code what} until it gives a value or {@code millis} pass. */
    private static <T> Optional<T> await(Supplier<Optional<T>> what, long millis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            Optional<T> value = what.get();
            if (value.isPresent()) {
                return value;
            }
            Thread.sleep(250);
        }
        return Optional.empty();
    }

    /** The trin page's address, once the Web Console is open on the HTTP service. */
    private static Optional<String> consoleAddress(BundleContext context) {
        try {
            if (context.getServiceReferences((String) null, WEB_CONSOLE) == null) {
                return Optional.empty();
            }
            ServiceReference<?>[] runtimes = context.getServiceReferences((String) null, "(" + ENDPOINT + "=*)");
            if (runtimes == null) {
                return Optional.empty();
            }
            Object endpoint = runtimes[0].getProperty(ENDPOINT);
            String first = endpoint instanceof String[] all ? (all.length == 0 ? null : all[0])
                    : endpoint instanceof Collection<?> all ? (all.isEmpty() ? null : String.valueOf(
                            all.iterator().next())) : endpoint == null ? null : endpoint.toString();
            if (first == null) {
                return Optional.empty();
            }
            return Optional.of(first.endsWith("/") ? first + CONSOLE_PAGE : first + "/" + CONSOLE_PAGE);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String host(Setup setup) {
        return setup.host().contains(":") ? "localhost" : setup.host();
    }

    /** The CID and UID once the client is connected. */
    private static Optional<String[]> connectedIds(BundleContext context) {
        ServiceReference<?> reference = context.getServiceReference("trin.api.client.SmartClient");
        if (reference == null) {
            return Optional.empty();
        }
        Object client = context.getService(reference);
        try {
            if (client == null) {
                return Optional.empty();
            }
            Class<?> type = reference.getBundle().loadClass("trin.api.client.SmartClient");
            Object status = type.getMethod("status").invoke(client);
            // The API's interface, not the implementation's class, which is private to trin.client.
            Class<?> statusType = reference.getBundle().loadClass("trin.api.client.ClientStatus");
            if (!Boolean.TRUE.equals(statusType.getMethod("connected").invoke(status))) {
                return Optional.empty();
            }
            Optional<?> cid = (Optional<?>) statusType.getMethod("cid").invoke(status);
            Optional<?> uid = (Optional<?>) statusType.getMethod("uid").invoke(status);
            return Optional.of(new String[] {cid.map(String::valueOf).orElse("?"), uid.map(String::valueOf).orElse("?")});
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Cannot read the client's status: {}", e.toString());
            return Optional.empty();
        } finally {
            context.ungetService(reference);
        }
    }

    private static void banner(Setup setup, Home home, String cid, String uid) {
        String host = host(setup);
        String topic = cid + "/" + uid + "/my_app_id/</";
        String text = String.join(System.lineSeparator(),
                "",
                "  Try the sample application: it answers {\"x\":[0,0,6]} on " + cid + "/" + uid
                        + "/my_app_id/>/>a_tct",
                "    mosquitto_pub -d -h " + host + " -p " + setup.port() + " -t '" + topic + "' -m '"
                        + SEED_PAYLOAD + "' -q 1",
                "  and watch the answer with: mosquitto_sub -h " + host + " -p " + setup.port() + " -t '" + cid
                        + "/#' -v",
                "  With nothing installed, from another terminal:",
                "    " + home.script() + " try                   (sends that command, prints the answer)",
                "    " + home.script() + " publish '" + topic + "' '" + SEED_PAYLOAD + "'",
                "");
        System.out.println(text);
    }
}
