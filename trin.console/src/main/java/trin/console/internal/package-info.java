/**
 * The web console's parts: the password check for every page and endpoint
 * ({@link trin.console.internal.ConsoleAuth}, with the password's hash, the
 * remembered logins and the throttle of wrong ones), the refusal of requests
 * from other web sites and the pages' security headers
 * ({@link trin.console.internal.CrossSiteFilter}), the command that makes a
 * password hash ({@link trin.console.internal.PasswordCommand}, run by
 * {@code bin/trin console-password} outside OSGi), the health history
 * ({@link trin.console.internal.HealthHistory}), what the pages show
 * ({@link trin.console.internal.ConsoleData}), the trin page in the Felix
 * Web Console ({@link trin.console.internal.TrinPage}) and the endpoints under
 * {@code /trin} ({@link trin.console.internal.StatusServlet}).
 *
 * <p>Threads: Jetty's request threads run the servlets, the filter and the
 * password check, reading immutable state and the services' snapshots; the
 * remembered logins and the throttle are guarded by their own locks, and one
 * login at a time is verified (under ConsoleAuth's lock), so parallel first
 * requests pay the slow hash once. One named
 * thread of its own, {@code trin-console-history}, samples the health
 * reporters into {@link trin.console.internal.HealthHistory}'s ring, which
 * the ring's own lock guards; the request threads copy it under that lock.
 */
package trin.console.internal;
