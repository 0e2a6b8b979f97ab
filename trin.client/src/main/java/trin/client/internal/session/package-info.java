/**
 * The device session under one identity ({@link trin.client.internal.session.DeviceSession}): it makes
 * the broker connection, the router, the outgoing path, the reports and the built-in commands' effects,
 * with the threads they run on, and applies a new configuration in place. Also: who keeps a session
 * running across provisioning and identity changes ({@link trin.client.internal.session.SessionKeeper}),
 * and the hand-over of what arrives to the command workers, with its flow control
 * ({@link trin.client.internal.session.IncomingFlow}). Uses every room below it: {@code commands},
 * {@code report}, {@code outgoing}, {@code connection}, {@code threads}, {@code status}, {@code settings},
 * {@code codec}, {@code outbox}, {@code upgrade}.
 *
 * <h2>Threads</h2>
 *
 * A session owns its threads and ends them when it stops: {@code trin-session}, {@code trin-timer},
 * {@code trin-command-N} and {@code trin-health-N} (see the rooms that run on them). Per component:
 * {@code trin-provisioning}, one thread, retries starting the session while the device is not
 * provisioned ({@link trin.client.internal.session.SessionKeeper}). Paho's callback thread
 * ({@code MQTT Call}) only copies messages into the command workers' queue and acknowledges them, or
 * holds their acknowledgements while too many replies are owed
 * ({@link trin.client.internal.session.IncomingFlow}); it never waits. The session's configuration is
 * volatile: written under the component's lock, read by every thread of the session.
 */
package trin.client.internal.session;
