/**
 * What the device reports about itself: the dump after a connect and the periodic reports
 * ({@link trin.client.internal.report.Reports}), the health reporters' data merged into them
 * ({@link trin.client.internal.report.HealthCollector}), and the IP addresses. Uses {@code outgoing}
 * only.
 *
 * <h2>Threads</h2>
 *
 * <ul>
 * <li>{@code trin-timer}, the session's one timer thread: the dump and the periodic reports.</li>
 * <li>{@code trin-health-N}, as many as needed: one health reporter each, so that a slow one is left out
 * of a report after {@code healthTimeout}.</li>
 * </ul>
 */
package trin.client.internal.report;
