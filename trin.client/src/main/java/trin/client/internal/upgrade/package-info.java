/**
 * {@code upgrade_client}: bundles updated in place, checked before (the
 * published SHA-256 as the download's check, the owner's signature on every
 * entry against {@code upgradeTrust}: {@link trin.client.internal.upgrade.SignedJars})
 * and put back by themselves when the new ones cannot resolve, start or
 * connect in time. Private to the bundle.
 */
package trin.client.internal.upgrade;
