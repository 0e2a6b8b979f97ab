/**
 * The outbox: outgoing messages kept in a bounded queue and a journal on disk
 * until the broker confirms them, so that neither a lost connection nor a
 * restart of the gateway loses data. Uses nothing of the client. The outbox is
 * synchronized: application threads, command workers and the session thread
 * append and take; the journal's sync and compaction run outside its lock
 * ({@link trin.client.internal.outbox.Journal}). Private to the bundle.
 */
package trin.client.internal.outbox;
