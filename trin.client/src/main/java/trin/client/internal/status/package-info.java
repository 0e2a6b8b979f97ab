/**
 * What the client counts and shows: the message counters and the recent messages
 * ({@link trin.client.internal.status.Counters}, {@link trin.client.internal.status.RecentMessages}),
 * which outlive a session, and the status snapshot ({@link trin.client.internal.status.Status}). Below
 * the connection and the session alike, so that the connection's callback counts what arrives without
 * knowing the session. Uses nothing of the client. Safe from any thread: atomic counters, a
 * synchronized ring of recent messages, immutable snapshots.
 */
package trin.client.internal.status;
