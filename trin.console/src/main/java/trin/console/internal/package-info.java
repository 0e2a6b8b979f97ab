/**
 * The web console's parts: the password check for every page and endpoint
 * ({@link trin.console.internal.ConsoleAuth}), the health history
 * ({@link trin.console.internal.HealthHistory}), what the pages show
 * ({@link trin.console.internal.ConsoleData}), the trin page in the Felix
 * Web Console ({@link trin.console.internal.TrinPage}) and the endpoints under
 * {@code /trin} ({@link trin.console.internal.StatusServlet}).
 *
 * <p>Threads: Jetty's request threads run the servlets and the password
 * check, reading immutable state and the services' snapshots. One named
 * thread of its own, {@code trin-console-history}, samples the health
 * reporters into {@link trin.console.internal.HealthHistory}'s ring, which
 * the ring's own lock guards; the request threads copy it under that lock.
 */
package trin.console.internal;
