/**
 * Incoming commands: the router ({@link trin.client.internal.commands.Router}: trust check, built-in
 * commands for PID 0, the application handler for the others, replies, the replies this device waits for
 * ({@link trin.client.internal.commands.PendingReplies})), the built-in commands and their effects on the
 * session ({@link trin.client.internal.commands.BuiltinEffects}, which takes from the session only what
 * it names in its {@code Scope}), the command workers ({@link trin.client.internal.commands.CommandPool})
 * and the rollback of a remote change that leads nowhere ({@link trin.client.internal.commands.Rollback}).
 * Uses {@code report}, {@code outgoing}, {@code connection} (to reconnect or pause), {@code threads},
 * {@code status}, {@code settings}, {@code codec}, {@code upgrade}.
 *
 * <h2>Threads</h2>
 *
 * <ul>
 * <li>{@code trin-command-N}, up to {@code workers} threads and a queue of 1000: the router and the
 * handlers ({@link trin.client.internal.commands.CommandPool}): one thread while it keeps up, another as
 * soon as a command finds every thread busy; a command goes to the thread that went idle last, and
 * threads past the first end after a minute idle. A slow handler holds one. A reply leaves from here,
 * straight to Paho, when nothing waits in the outbox and the in-flight window has room.</li>
 * <li>{@code trin-timer}: the rollback check, and the delayed built-in actions (reboot, restart,
 * upgrade).</li>
 * </ul>
 */
package trin.client.internal.commands;
