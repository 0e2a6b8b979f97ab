/**
 * Test support for trin: an in-process Smart-MQTT broker ({@link trin.testkit.SmartBroker}),
 * a real Mosquitto process ({@link trin.testkit.Mosquitto}), throw-away TLS certificates
 * ({@link trin.testkit.TestCertificates}), an MQTT client that plays the platform
 * ({@link trin.testkit.MqttProbe}) and provisioned key directories ({@link trin.testkit.KeyDirs}).
 *
 * <p>A plain jar, not an OSGi bundle: used by tests and by the development launcher, outside
 * the framework. Nothing here depends on a test framework; failed waits throw
 * {@link java.lang.AssertionError}.
 */
package trin.testkit;
