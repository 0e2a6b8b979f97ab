/**
 * The outbox: outgoing messages kept in a bounded queue and a journal on disk
 * until the broker confirms them, so that neither a lost connection nor a
 * restart of the gateway loses data. Private to the bundle.
 */
package trin.client.internal.outbox;
