package trin.launcher;

import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the client's first connection and, in the LOCAL set-up, tells
 * the user how to try the sample application: the seed's mosquitto_pub line
 * with this device's CID and UID, and the equivalent that needs nothing
 * installed. The client's status is read reflectively: its classes belong to
 * the bundles.
 */
final class ConnectWatch {

    static final String SEED_PAYLOAD = "{\"c\": [123456789,\">a_tct\", [\"sum_these\",1,2,3]]}";
    private static final long WAIT_MILLIS = 120_000;
    private static final Logger LOG = LoggerFactory.getLogger(ConnectWatch.class);

    private ConnectWatch() {
    }

    static void start(BundleContext context, Setup setup, Home home) {
        if (!setup.local()) {
            return;
        }
        Thread thread = new Thread(() -> watch(context, setup, home), "trin-connect-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private static void watch(BundleContext context, Setup setup, Home home) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        try {
            while (System.currentTimeMillis() < deadline) {
                Optional<String[]> ids = connectedIds(context);
                if (ids.isPresent()) {
                    banner(setup, home, ids.get()[0], ids.get()[1]);
                    return;
                }
                Thread.sleep(250);
            }
            LOG.warn("Not connected to the LOCAL development broker after {} s: see the messages above",
                    WAIT_MILLIS / 1000);
        } catch (InterruptedException | IllegalStateException e) {
            // the framework is stopping
        }
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
        String host = setup.host().contains(":") ? "localhost" : setup.host();
        String topic = cid + "/" + uid + "/my_app_id/</";
        LOG.info("LOCAL development set-up ready: device UID {}, customer (CID) {}, connected to the LOCAL "
                + "development broker on {}:{} (not the Smart platform)", uid, cid, host, setup.port());
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
