/**
 * The Smart-MQTT client: its component ({@link trin.client.internal.SmartClientComponent}, the OSGi
 * service applications and the shell use) on top of rooms by concern. From the top down, each room
 * uses only those below it ({@code RoomsTest} checks it):
 * <ul>
 * <li>{@code shell}: the Gogo commands, and what they may ask of the client;</li>
 * <li>{@code session}: the device session under one identity, who keeps one running, and the hand-over
 * of what arrives to the command workers;</li>
 * <li>{@code commands}: incoming commands: routing, the built-in commands and their effects, the workers,
 * the replies owed, the rollback of a remote change that leads nowhere;</li>
 * <li>{@code report}: the dump and the periodic reports, with the health reporters' data;</li>
 * <li>{@code outgoing}: what the device sends: stamped, encoded, into the outbox, and out within the
 * in-flight window;</li>
 * <li>{@code connection}: the broker connection: attempts, sockets, TLS, keep-alive, retries, Paho's
 * threads;</li>
 * <li>{@code threads} and {@code status}, which both the connection and the rest use: the named thread
 * pools and the session thread; the counters, the recent messages and the status;</li>
 * <li>{@code settings}, {@code codec}, {@code outbox}, {@code upgrade}, which use none of the above: the
 * configuration and the effective settings; the wire format and topics; the journaled outbox; upgrades.</li>
 * </ul>
 * This package keeps the component and what only it uses: its environment (versions, data area,
 * upgrader), the checks of its callers' arguments, the expansion of {@code ~} in configured paths.
 *
 * <h2>Threads</h2>
 *
 * Every thread is named; a thread dump says whose it is, and the package-info of the room that owns a
 * thread says what runs on it and what it may touch. Per device session (a new session, with new threads,
 * when the identity changes): {@code trin-session} (the connection's state and the sending of the outbox:
 * {@code connection}, {@code outgoing}), {@code trin-timer} (the reports, the rollback check, the delayed
 * built-in actions: {@code report}, {@code commands}), {@code trin-command-N} (the router and the handlers:
 * {@code commands}), {@code trin-health-N} (one health reporter each: {@code report}), {@code trin-mqtt-N}
 * and {@code trin-paho-close-N} (Paho's threads and the closer: {@code connection}). Per component:
 * {@code trin-provisioning} ({@code session}). Application threads call {@code SmartClient}: they encode
 * and append to the outbox (which is synchronized) and hand the sending to the session thread.
 * Configuration changes arrive on SCR's thread and are applied under the component's lock.
 */
package trin.client.internal;
