/**
 * One device's connection to the broker ({@link trin.client.internal.connection.BrokerConnection}):
 * attempts with a fresh password and a deadline each, sockets and TLS, the keep-alive, retries with
 * backoff across the brokers, Paho's threads, and what a failure means. It tells its
 * {@link trin.client.internal.connection.ConnectionListener} (the session) when it is up, when it has gone
 * and what arrived. Uses {@code threads}, {@code status} (its callback counts what arrives and keeps the
 * recent messages) and {@code settings}.
 *
 * <h2>Threads</h2>
 *
 * <ul>
 * <li>{@code trin-session}, one thread: the connection's state (attempts, deadlines, reconnects, its
 * {@link trin.client.internal.connection.KeepAlive}). Paho's callbacks and outcomes only hand work over
 * to it. Fields without a modifier are this thread's; the current attempt is volatile because publishing
 * threads read it.</li>
 * <li>{@code trin-mqtt-N}, renamed by Paho while they run ({@code MQTT Con}, {@code MQTT Rec},
 * {@code MQTT Snd}, {@code MQTT Call}): Paho's connect task and, per connection, its receiver, sender and
 * callback ({@link trin.client.internal.connection.PahoThreads}). The callback thread hands messages to
 * the listener, which returns at once.</li>
 * <li>{@code trin-paho-close-N}: closes abandoned attempts' sockets and clients, so that a Paho call that
 * hangs never holds the session thread; they end two seconds after their last close.</li>
 * </ul>
 */
package trin.client.internal.connection;
