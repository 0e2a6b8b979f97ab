/**
 * The gateway's metrics in Prometheus's text exposition format 0.0.4, read
 * from trin.api's services only ({@code SmartClient}'s status,
 * {@code HealthReporter}s) and from the JVM.
 *
 * <p>{@link trin.metrics.internal.TrinMetrics} writes one scrape;
 * {@link trin.metrics.internal.Exposition} is the format. Two ways out:
 * {@link trin.metrics.internal.MetricsHttp} registers
 * {@link trin.metrics.internal.MetricsServlet} ({@code /trin/metrics}) with
 * the jakarta servlet whiteboard when one runs (the web console's Jetty), and
 * {@link trin.metrics.internal.TextfileWriter} rewrites a file for
 * node_exporter's textfile collector.
 *
 * <p>Threads: a scrape runs on the HTTP service's request thread or on the
 * textfile's thread {@code trin-metrics-textfile} (one, scheduled); the
 * health reporters are called on {@code trin-metrics-health-N} threads
 * (made as needed, ended after a minute idle), so that a reporter that hangs
 * costs a scrape its timeout, never the scrape itself. The state they share is
 * the reporters' list (volatile, replaced whole) and the client reference
 * (volatile).
 */
package trin.metrics.internal;
