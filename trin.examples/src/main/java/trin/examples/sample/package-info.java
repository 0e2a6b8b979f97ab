/**
 * The sample application: the example to copy when writing an application
 * for a trin gateway. Start with {@link trin.examples.sample.SampleApplication}.
 *
 * <p>Nothing here is exported: an application bundle only uses the services
 * of {@code trin.api} and offers its own.
 */
package trin.examples.sample;
