package trin.client.internal.session;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.client.ClientStatus;
import trin.api.client.ConnectionState;
import trin.api.device.Credentials;
import trin.api.device.DeviceIdentity;
import trin.api.device.NotProvisionedException;
import trin.client.internal.status.Status;
import trin.client.internal.threads.ThreadPools;

/**
 * Keeps one {@link DeviceSession} running for the device's current identity:
 * starts it once the device is provisioned and has an identity (retrying
 * while it is not provisioned), makes a new one when the UID changes, and
 * goes on under the old identity when the hardware bundle goes away.
 */
public final class SessionKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(SessionKeeper.class);
    private static final long PROVISION_RETRY_SECONDS = 30;

    private final Credentials credentials;
    private final Function<Device, DeviceSession> sessions;
    private final ScheduledExecutorService retries = ThreadPools.scheduler("trin-provisioning");
    private final Object lock = new Object();

    // Guarded by lock; session and identity are read without it too.
    private volatile DeviceIdentity identity;
    private volatile DeviceSession session;
    private ScheduledFuture<?> retry;
    private boolean active;
    private boolean warnedUnprovisioned;

    /** @param sessions makes the session of a device */
    public SessionKeeper(Credentials credentials, Function<Device, DeviceSession> sessions) {
        this.credentials = credentials;
        this.sessions = sessions;
    }

    /** The running session, if any. */
    public Optional<DeviceSession> session() {
        return Optional.ofNullable(session);
    }

    public Optional<DeviceIdentity> identity() {
        return Optional.ofNullable(identity);
    }

    /** The status while no session runs: who the device would be, and why it is not connected. */
    public ClientStatus stoppedStatus(boolean local, ClientStatus.Counters counters, int outboxDepth) {
        Optional<String> uid = identity().map(DeviceIdentity::uid);
        Optional<String> cid = Optional.empty();
        if (credentials.provisioned()) {
            try {
                cid = Optional.of(credentials.cid());
            } catch (NotProvisionedException e) {
                // removed meanwhile
            }
        }
        return new Status(ConnectionState.STOPPED, "", uid, cid, local, Optional.empty(), Optional.empty(),
                Optional.of(credentials.provisioned() ? "no identity" : "not provisioned"), Optional.empty(), counters,
                outboxDepth);
    }

    public void activate() {
        synchronized (lock) {
            active = true;
            start();
        }
    }

    /** Called by SCR, never from a session's thread: waits for the session's tasks to end. */
    public void deactivate(String reason) {
        DeviceSession last;
        synchronized (lock) {
            active = false;
            if (retry != null) {
                retry.cancel(false);
            }
            last = session;
            stop(reason);
        }
        retries.shutdownNow();
        if (last != null) {
            last.awaitStopped();
        }
    }

    public void identity(DeviceIdentity next) {
        synchronized (lock) {
            identity = next;
            start();
        }
    }

    /** The identity went away: the session goes on under the one it started with. */
    public void identityGone(DeviceIdentity gone, boolean shuttingDown) {
        synchronized (lock) {
            if (identity != gone) {
                return;
            }
            identity = null;
            if (active && !shuttingDown) {
                LOG.info("The hardware bundle went away; the session goes on as device {}",
                        session == null ? "(none yet)" : session.uid());
            }
        }
    }

    /** Ends the running session and starts a new one, with what holds now. */
    public void restart(String reason) {
        synchronized (lock) {
            stop(reason);
            start();
        }
    }

    private void start() {
        DeviceIdentity id = identity;
        if (!active || id == null) {
            return;
        }
        String uid = id.uid();
        if (session != null) {
            if (session.uid().equals(uid)) {
                return;
            }
            LOG.info("The device's identity changed from {} to {}: starting a new session", session.uid(), uid);
            stop("identity changed");
        }
        String cid;
        try {
            cid = credentials.cid();
        } catch (NotProvisionedException e) {
            if (!warnedUnprovisioned) {
                LOG.warn("Not connecting yet: {}", e.getMessage());
                warnedUnprovisioned = true;
            }
            retry = retries.schedule(() -> {
                synchronized (lock) {
                    start();
                }
            }, PROVISION_RETRY_SECONDS, TimeUnit.SECONDS);
            return;
        }
        DeviceSession s = sessions.apply(new Device(uid, cid, credentials, this::identity));
        session = s;
        s.start();
    }

    private void stop(String reason) {
        DeviceSession s = session;
        session = null;
        if (s != null) {
            s.stop(reason);
        }
    }
}
