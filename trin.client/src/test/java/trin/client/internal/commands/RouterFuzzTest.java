package trin.client.internal.commands;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import trin.api.command.CommandHandler;
import trin.api.command.Reply;
import trin.client.internal.codec.PayloadCodec;
import trin.client.internal.codec.Topics;
import trin.client.internal.outbox.Outbox;
import trin.client.internal.outgoing.Outgoing;
import trin.client.internal.outgoing.Publishing;
import trin.client.internal.outgoing.Stamps;
import trin.client.internal.settings.Setting;
import trin.client.internal.settings.Settings;
import trin.client.internal.status.Counters;
import trin.client.internal.threads.SessionThread;
import trin.client.internal.threads.ThreadPools;

/**
 * Coverage-guided fuzzing of the router (Jazzer), from topic to queued reply: an input is a topic, a
 * newline and a payload. Whatever comes in, handling it does not throw, and every reply it queues has a
 * topic whose levels are all valid: no token with {@code +}, {@code #} or {@code /} ever reaches a
 * publish. Topics holding {@code +} or {@code #} are skipped: a broker never delivers them. Seeds: the
 * golden vectors, in {@code RouterFuzzTestInputs/route}; {@code JAZZER_FUZZ=1} fuzzes for a minute.
 */
class RouterFuzzTest {

    private static final String CID = "12345678";
    private static final String UID = "AAA0000DEADBEEF";
    private static final Router ROUTER;
    private static final Outbox OUTBOX;

    static {
        if (System.getenv("JAZZER_FUZZ") != null) {
            // Millions of inputs, each logged by the router at info or warn: only errors, while fuzzing.
            System.setProperty("org.slf4j.simpleLogger.log.trin", "error");
        }
        try {
            Path dir = Files.createTempDirectory("trin-router-fuzz-");
            dir.toFile().deleteOnExit();
            OUTBOX = Outbox.open(dir, 100_000);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
        Topics topics = new Topics(CID, UID);
        PayloadCodec codec = new PayloadCodec(262_144);
        Counters counters = new Counters();
        Publishing publishing = new Publishing(() -> null, OUTBOX, counters,
                new SessionThread(ThreadPools.scheduler("fuzz-session")), () -> 1, () -> { });
        Outgoing outgoing = new Outgoing(topics, codec, OUTBOX, publishing, new Stamps(Clock.systemUTC()), counters);
        outgoing.defaultQos(1);
        CommandHandler app = command -> {
            if (command.name().equals("boom")) {
                throw new IllegalStateException("boom");
            }
            return command.name().equals("nothing") ? null : Reply.ok(command.args());
        };
        ROUTER = new Router(topics, codec, () -> new Router.Trust(List.of("TRUSTED1"), true),
                pid -> pid.equals("app") ? Optional.of(app) : Optional.empty(), new BuiltinCommands(new FuzzControl()),
                new PendingReplies(Duration.ofSeconds(1)), outgoing, counters);
    }

    @FuzzTest(maxDuration = "60s")
    void route(byte[] input) {
        int newline = indexOf(input, (byte) '\n');
        String topic = new String(input, 0, newline < 0 ? input.length : newline, UTF_8);
        byte[] payload = newline < 0 ? new byte[0] : Arrays.copyOfRange(input, newline + 1, input.length);
        if (topic.contains("+") || topic.contains("#")) {
            return;
        }

        ROUTER.handle(topic, payload, false);
        ROUTER.refuseBusy(topic, payload, false);

        for (Outbox.Entry entry : OUTBOX.pending(Integer.MAX_VALUE, Set.of())) {
            String[] levels = entry.topic().split("/", -1);
            assertThat(levels).as(entry.topic()).allSatisfy(level -> assertThat(level).isNotEmpty()
                    .doesNotContain("+", "#"));
            assertThat(levels.length).as(entry.topic()).isIn(4, 5, 7);
            if (levels.length > 4) {
                assertThat(Topics.isValidLevel(levels[levels.length - 1])).isTrue();
            }
            OUTBOX.remove(entry.seq());
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The built-in commands' view of the device: settings that stay as they are, actions that do nothing. */
    private static final class FuzzControl implements Control {
        static final Settings SETTINGS = new Settings("localhost", 1883, 60, 1, true, 3600, false, List.of());

        @Override
        public Settings settings() {
            return SETTINGS;
        }

        @Override
        public void change(Setting setting, String value) {
            SETTINGS.with(setting, value); // validates as the real one does; nothing is kept
        }

        @Override
        public void publishSetting(Setting setting) {
        }

        @Override
        public void publishFullData() {
        }

        @Override
        public void publishSettings() {
        }

        @Override
        public void publishIpAddresses() {
        }

        @Override
        public void takeBreak(Duration pause) {
        }

        @Override
        public void rebootLater() {
        }

        @Override
        public void restartLater() {
        }

        @Override
        public Optional<String> upgradeLater() {
            return Optional.of("not in a framework");
        }

        @Override
        public Map<String, Object> statusFields() {
            return Map.of("uid", UID, "cid", CID, "connected", true, "version", "fuzz");
        }

        @Override
        public Duration actionDelay() {
            return Duration.ZERO;
        }
    }
}
