/**
 * The settings the platform changes remotely, and the Python client's ini
 * file that keeps them across restarts. Private to the bundle.
 */
package trin.client.internal.settings;
