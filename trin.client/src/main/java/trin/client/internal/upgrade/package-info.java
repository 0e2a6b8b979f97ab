/**
 * {@code upgrade_client}: bundles updated in place, checked before (the
 * published SHA-256 as the download's check, the owner's signature on every
 * entry against {@code upgradeTrust}: {@link trin.client.internal.upgrade.SignedJars})
 * and put back by themselves when the new ones cannot resolve, start or
 * connect in time. Uses nothing of the client. Runs on the session's
 * {@code trin-timer} thread (the built-in command's delayed action) and on a
 * thread of its own, {@code trin-upgrade}, while the bundles are swapped. Private to the bundle.
 */
package trin.client.internal.upgrade;
