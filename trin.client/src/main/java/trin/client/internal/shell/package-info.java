/**
 * The client's Gogo shell commands ({@code trin:status}, {@code trin:settings}, {@code trin:event},
 * {@code trin:data}), and {@link trin.client.internal.shell.ClientAdmin}, what they may ask of the client
 * beyond {@code SmartClient}, which the component implements. Uses {@code settings} and {@code codec}
 * only. Runs on the thread of the shell session that calls it.
 */
package trin.client.internal.shell;
