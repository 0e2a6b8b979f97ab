package trin.devbroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LOCAL development set-up's broker, as {@code bin/trin} starts it: a {@link SmartBroker} on
 * 127.0.0.1 that checks the Smart passwords of every device of the development customer (fresh
 * salt, no replays), and lets test tools such as mosquitto_pub in without a login and without a
 * client id, as they connect.
 *
 * <p>The launcher loads this module on a class loader of its own, only for the LOCAL set-up, and
 * calls {@link #start(Path, int)} reflectively: its signature uses JDK types only, and the result
 * is closed as an {@link AutoCloseable}.
 */
public final class LocalDevelopmentBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDevelopmentBroker.class);

    private final SmartBroker broker;

    private LocalDevelopmentBroker(SmartBroker broker) {
        this.broker = broker;
    }

    /**
     * Provisions the development identity in {@code keyDir} if it is missing, and starts the broker.
     *
     * @throws UncheckedIOException when the identity can be neither read nor written
     * @throws IllegalStateException when the broker cannot listen on {@code port}
     */
    public static LocalDevelopmentBroker start(Path keyDir, int port) {
        DevelopmentIdentity identity;
        try {
            identity = DevelopmentIdentity.provision(keyDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SmartBroker broker = SmartBroker.builder().port(port).allowAnonymous(true).allowEmptyClientId(true).build()
                .registerCustomer(identity.cid(), identity.key());
        broker.start();
        LOG.info("LOCAL development broker listening on 127.0.0.1:{} (not the Smart platform): it checks the Smart "
                + "passwords of customer {} and lets test tools in without a login", port, identity.cid());
        return new LocalDevelopmentBroker(broker);
    }

    /** The broker, for tests. */
    SmartBroker broker() {
        return broker;
    }

    @Override
    public void close() {
        broker.close();
        LOG.info("LOCAL development broker stopped");
    }
}
