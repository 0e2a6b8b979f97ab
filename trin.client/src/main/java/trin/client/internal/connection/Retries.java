package trin.client.internal.connection;

import java.time.Duration;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a connection tries again, after a failed attempt or a lost
 * connection, and the one log line that says why and when. A refused login
 * waits the longest and is logged once until a connection succeeds.
 * Session thread only.
 */
final class Retries {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);

    private final Backoff backoff;
    private boolean refusalLogged;

    Retries(Backoff backoff) {
        this.backoff = backoff;
    }

    /** Connected and subscribed: the next failure starts the backoff from the beginning. */
    void succeeded() {
        refusalLogged = false;
        backoff.reset();
    }

    /** A new connection on purpose (a new configuration): no waiting for it. */
    void reset() {
        backoff.reset();
    }

    /** @param next the broker of the next attempt, when it is another one; else null */
    Duration afterFailedAttempt(String broker, String username, ConnectStep step, String reason, Throwable e,
            String next) {
        int code = e instanceof MqttException m ? m.getReasonCode() : -1;
        if (code == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                || code == MqttException.REASON_CODE_NOT_AUTHORIZED) {
            Duration delay = backoff.refused();
            if (!refusalLogged) {
                LOG.warn("The broker {} refused the login of {}: {}. Check the device's registration "
                        + "(trin:register); retrying every {} s", broker, username, reason, delay.toSeconds());
                refusalLogged = true;
            }
            return delay;
        }
        Duration delay = backoff.next();
        LOG.info("Connecting to {} failed at {}: {}; next attempt in {} ms{}", broker, step.words(), reason,
                delay.toMillis(), at(next));
        return delay;
    }

    /** @param next the broker of the next attempt, when it is another one; else null */
    Duration afterLostConnection(String broker, String reason, String next) {
        Duration delay = backoff.next();
        LOG.info("Connection to {} lost: {}; reconnecting in {} ms{}", broker, reason, delay.toMillis(), at(next));
        return delay;
    }

    private static String at(String next) {
        return next == null ? "" : " to " + next;
    }
}
