/**
 * Kura's view of trin's configuration. The only code of trin that knows Kura.
 *
 * <p>Threads: none of its own. The bundle tracker's callbacks run on the framework's thread that
 * delivers bundle events (and on the component's activating thread when the tracker opens); the
 * tracker serialises them, and the registrations of a bundle are only touched from them.
 */
package trin.kura.internal;
