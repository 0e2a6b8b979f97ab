package trin.client.internal.threads;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread on which a device session changes its connection's state:
 * Paho's callbacks and outcomes only hand work over to it.
 */
public final class SessionThread {

    private static final Logger LOG = LoggerFactory.getLogger(SessionThread.class);

    private final ScheduledExecutorService exec;

    public SessionThread(ScheduledExecutorService exec) {
        this.exec = exec;
    }

    public ScheduledExecutorService executor() {
        return exec;
    }

    /**
     * Hands work to the session thread. Once the session has stopped there is
     * nothing left to do: a late callback or a message queued meanwhile (it
     * stays in the outbox) is not an error.
     */
    public void run(Runnable work) {
        try {
            exec.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.debug("The session has stopped; late work dropped");
        }
    }

    /** An action listener whose outcomes run on the session thread. */
    public IMqttActionListener listener(Runnable success, Consumer<Throwable> failure) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                run(success);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                run(() -> failure.accept(e));
            }
        };
    }
}
