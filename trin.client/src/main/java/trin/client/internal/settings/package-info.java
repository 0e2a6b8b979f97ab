/**
 * The client's configuration and its effective settings: the configuration of the component
 * ({@link trin.client.internal.settings.ClientConfiguration}, its metatype) and the settings it gives
 * ({@link trin.client.internal.settings.ConfiguredSettings}), the settings the platform changes remotely,
 * kept in the Python client's ini file across restarts and winning until reset
 * ({@link trin.client.internal.settings.ClientSettings}, {@link trin.client.internal.settings.SettingsStore}),
 * the last settings that connected ({@link trin.client.internal.settings.LastGood}), and the brokers to try.
 * Uses nothing of the client. The effective settings and the last good ones are synchronized: the session
 * thread, the command workers and the shell read and change them. Private to the bundle.
 */
package trin.client.internal.settings;
