package trin.client.internal.settings;

/** One setting as the shell shows it: its protocol name, its effective value and where that comes from. */
public record SettingView(String name, Object value, String source) {
}
