/**
 * The Smart-MQTT client: its component ({@link trin.client.internal.SmartClientComponent}),
 * the device session ({@link trin.client.internal.DeviceSession}) and its parts.
 *
 * <h2>Threads</h2>
 *
 * Every thread is named; a thread dump says whose it is. Per device session
 * (a new session, with new threads, when the identity changes):
 * <ul>
 * <li>{@code trin-session}, one thread: the broker connection's state
 * ({@link trin.client.internal.BrokerConnection}: attempts, deadlines,
 * reconnects, its {@link trin.client.internal.KeepAlive}), and the sending of
 * the outbox ({@link trin.client.internal.Publishing}). Paho's callbacks
 * and outcomes only hand work over to it, but for the confirmation of a reply
 * sent at once, which Paho's thread handles. Fields without a modifier in those
 * classes are this thread's; the current attempt is volatile because
 * publishing threads read it; the in-flight window is guarded by its own lock.</li>
 * <li>{@code trin-timer}, one thread: the dump after a connect and the
 * periodic reports ({@link trin.client.internal.Reports}), the rollback
 * check, and the delayed built-in actions (reboot, restart, upgrade).</li>
 * <li>{@code trin-command-N}, up to {@code workers} threads and a queue of 1000: the
 * router and the handlers of incoming commands ({@link trin.client.internal.CommandPool}):
 * one thread while it keeps up, another as soon as a command finds every thread
 * busy; a command goes to the thread that went idle last, and threads past the
 * first end after a minute idle. A slow handler holds one. A
 * reply leaves from here, straight to Paho, when nothing waits in the outbox
 * and the in-flight window has room.</li>
 * <li>{@code trin-health-N}, as many as needed: one health reporter each, so
 * that a slow one is left out of a report after {@code healthTimeout}.</li>
 * <li>{@code trin-mqtt-N}, renamed by Paho while they run ({@code MQTT Con},
 * {@code MQTT Rec}, {@code MQTT Snd}, {@code MQTT Call}): Paho's connect task
 * and, per connection, its receiver, sender and callback
 * ({@link trin.client.internal.PahoThreads}). The callback thread only copies
 * messages into the command workers' queue and acknowledges them, or holds their
 * acknowledgements while too many replies are owed
 * ({@link trin.client.internal.IncomingFlow}); it never waits.</li>
 * <li>{@code trin-paho-close-N}: closes abandoned attempts' sockets and
 * clients, so that a Paho call that hangs never holds the session thread;
 * they end two seconds after their last close.</li>
 * </ul>
 * Per component: {@code trin-provisioning}, one thread, retries starting the
 * session while the device is not provisioned
 * ({@link trin.client.internal.SessionKeeper}). Application threads call
 * {@code SmartClient}: they encode and append to the outbox (which is
 * synchronized) and hand the sending to the session thread. Configuration
 * changes arrive on SCR's thread and are applied under the component's lock.
 */
package trin.client.internal;
