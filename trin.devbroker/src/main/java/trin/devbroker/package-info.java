/**
 * The LOCAL development broker: an in-process Moquette broker that authenticates like the Smart
 * platform ({@link trin.devbroker.SmartBroker}, {@link trin.devbroker.SmartPassword}), the
 * development identity it knows ({@link trin.devbroker.DevelopmentIdentity}), key directories as
 * registration leaves them ({@link trin.devbroker.KeyDirs}), and the entry the launcher starts for
 * the LOCAL set-up ({@link trin.devbroker.LocalDevelopmentBroker}).
 *
 * <p>A product module, not test code: {@code bin/trin} loads it from {@code lib/devbroker/} on a
 * class loader of its own, only when {@code conf/} selects the LOCAL set-up, outside the OSGi
 * framework (Moquette is not a bundle). The test kit uses it as the tests' Smart broker.
 */
package trin.devbroker;
