/**
 * What the device sends: messages stamped, encoded and appended to the outbox, or sent at once
 * ({@link trin.client.internal.outgoing.Outgoing}), and the sending of the outbox to the connected client
 * within the in-flight window, the connect sequence ahead of everything
 * ({@link trin.client.internal.outgoing.Publishing}). Uses {@code threads}, {@code status}, {@code codec}
 * and {@code outbox}; it gets the connected client as a supplier, not the connection.
 *
 * <h2>Threads</h2>
 *
 * The sending of the outbox runs on {@code trin-session}; the hold after a connect is that thread's. The
 * in-flight window is guarded by its own lock, taken before the outbox's, never after. Application
 * threads and command workers append to the outbox and may send at once when nothing waits; Paho's
 * threads confirm deliveries.
 */
package trin.client.internal.outgoing;
