/**
 * {@code upgrade_client}: bundles updated in place, checked before and put
 * back by themselves when the new ones cannot resolve, start or connect in
 * time. Private to the bundle.
 */
package trin.client.internal.upgrade;
