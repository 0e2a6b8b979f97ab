/**
 * Test support for trin: a real Mosquitto process ({@link trin.testkit.Mosquitto}), throw-away TLS
 * certificates ({@link trin.testkit.TestCertificates}), an owner's release-signing key
 * ({@link trin.testkit.ReleaseKey}) and the jars an attacker would make of a signed one
 * ({@link trin.testkit.JarEdits}), an MQTT client that plays the platform
 * ({@link trin.testkit.MqttProbe}), and fresh copies of the built runtime ({@link trin.testkit.RuntimeCopies}). The in-process Smart-MQTT broker and key directories are
 * trin.devbroker's ({@link trin.devbroker.SmartBroker}, {@link trin.devbroker.KeyDirs}), which
 * comes with this kit.
 *
 * <p>A plain jar, not an OSGi bundle, for tests only: every module takes it at test scope, and
 * nothing of it is shipped. Nothing here depends on a test framework; failed waits throw
 * {@link java.lang.AssertionError}.
 */
package trin.testkit;
