/**
 * The client's thread pools, with named daemon threads
 * ({@link trin.client.internal.threads.ThreadPools}), and the hand-over of work to a session's one
 * session thread ({@link trin.client.internal.threads.SessionThread}). Uses nothing of the client; the
 * rooms that run on these threads say what runs there.
 */
package trin.client.internal.threads;
