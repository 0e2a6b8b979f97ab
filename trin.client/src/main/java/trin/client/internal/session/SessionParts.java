package trin.client.internal.session;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import trin.api.command.CommandHandler;
import trin.client.internal.outbox.Outbox;
import trin.client.internal.report.HealthCollector;
import trin.client.internal.settings.ClientSettings;
import trin.client.internal.settings.LastGood;
import trin.client.internal.status.Counters;
import trin.client.internal.upgrade.Upgrader;

/** What outlives a device session: stores and counters, and what the component lends it. */
public record SessionParts(ClientSettings settings, Outbox outbox, LastGood lastGood, Counters counters,
        Function<String, Optional<CommandHandler>> handlers, Supplier<List<HealthCollector.Reporter>> reporters,
        Supplier<Optional<Upgrader>> upgrader, Runnable restart, Map<String, Object> versions, Clock clock) {
}
