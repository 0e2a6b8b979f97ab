/**
 * The test harness for trin applications: {@link trin.apptest.TrinGateway}, a JUnit 5 extension that
 * runs the application bundle under test on a real gateway, and {@link trin.apptest.Platform}, the
 * test's handle on it (commands and replies, events, data, health, configuration, session).
 *
 * <p>A plain jar for tests, not a bundle, and public: versioned with trin, documented in
 * {@code docs/applications.md}. It depends on no test code of trin (never {@code trin.testkit}): the
 * broker is trin.devbroker's, the framework Felix through the OSGi launch API.
 *
 * <p>Threads: the test's own, which waits; Paho's callback thread of the probe, which records the
 * messages under the probe's monitor and wakes the waiting test; the framework's and the broker's own.
 * The harness has no thread of its own, and no wait stands on a fixed sleep: each waits for its
 * condition up to its timeout (the one for the application's services polls the framework's state,
 * for which no event reaches the test's side).
 */
package trin.apptest;
