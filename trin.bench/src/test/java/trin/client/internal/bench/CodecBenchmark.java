package trin.client.internal.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import trin.api.client.Event;
import trin.client.internal.codec.Inbound;
import trin.client.internal.codec.InboundTopic;
import trin.client.internal.codec.PayloadCodec;
import trin.client.internal.codec.Topics;

/**
 * The cost of the codec's work per message: time and, with {@code -prof gc}
 * (on by default, see {@link #main}), bytes allocated per operation
 * ({@code gc.alloc.rate.norm}). Not a test: run it with
 * {@code trin.bench/bench.sh jmh CodecBenchmark [JMH options]}.
 *
 * <p>Every input is built once in {@link #setUp()}, so that an operation
 * allocates only what the codec allocates; every result is returned, so that
 * JMH consumes it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class CodecBenchmark {

    /** The seed's command, as its local test sends it. */
    static final String SEED_COMMAND = "{\"c\": [123456789,\">a_tct\", [\"sum_these\",1,2,3]]}";

    private PayloadCodec codec;
    private byte[] seedCommand;
    private byte[] dataMessage;
    private Map<String, Object> dump;
    private byte[] events;
    private byte[] replyMessage;
    private byte[] info;
    private List<Event> eventList;
    private Topics topics;
    private String commandTopic;

    @Setup
    public void setUp() {
        codec = new PayloadCodec(PayloadCodec.DEFAULT_MAX_PAYLOAD_BYTES);
        seedCommand = SEED_COMMAND.getBytes(StandardCharsets.UTF_8);
        dump = fullDump();
        dataMessage = codec.data(0, dump);
        if (dataMessage.length < 2000 || dataMessage.length > 2300) {
            throw new IllegalStateException("the data message should be about 2 KB: " + dataMessage.length);
        }
        eventList = List.of(new Event(0, 123, "Loop Counter: 42"), new Event(0, 102, "connected"));
        events = codec.events(0, eventList);
        replyMessage = codec.reply(0, 0, 6);
        info = "{\"i\": [0, \"hello\"]}".getBytes(StandardCharsets.UTF_8);
        topics = new Topics("12345678", "AAA0000DEADBEEF");
        commandTopic = "12345678/AAA0000DEADBEEF/my_app_id/</000000000000000";
        if (!(codec.parse(events) instanceof Inbound.Events) || !(codec.parse(replyMessage) instanceof Inbound.Reply)
                || !(codec.parse(info) instanceof Inbound.Info) || topics.parse(commandTopic).isEmpty()) {
            throw new IllegalStateException("an incoming message of the benchmark does not parse");
        }
        if (!(codec.parse(seedCommand) instanceof Inbound.Command)) {
            throw new IllegalStateException("the seed command does not parse: " + codec.parse(seedCommand));
        }
        if (!(codec.parse(dataMessage) instanceof Inbound.Data)) {
            throw new IllegalStateException("the data message does not parse: " + codec.parse(dataMessage));
        }
    }

    /** {@code {"c": [123456789,">a_tct", ["sum_these",1,2,3]]}}: the command every device gets most. */
    @Benchmark
    public Inbound parseSeedCommand() {
        return codec.parse(seedCommand);
    }

    /** A 2 KB {@code d} message (a full dump, as a device to device message or an echo would carry). */
    @Benchmark
    public Inbound parseData2k() {
        return codec.parse(dataMessage);
    }

    /** An {@code e} message with two events. */
    @Benchmark
    public Inbound parseEvents() {
        return codec.parse(events);
    }

    /** A reply from another device: {@code {"x":[0,0,6]}}. */
    @Benchmark
    public Inbound parseReply() {
        return codec.parse(replyMessage);
    }

    /** An {@code i} message. */
    @Benchmark
    public Inbound parseInfo() {
        return codec.parse(info);
    }

    /**
     * The router's own steps for an incoming command before the handler runs: the topic parsed and checked
     * (PID, sender), the payload parsed, and the reply topic built. The router class itself needs a live
     * session, so the benchmark runs its parts through their public entry points.
     */
    @Benchmark
    public String routeCommand() {
        InboundTopic in = topics.parse(commandTopic).orElseThrow();
        Inbound message = codec.parse(seedCommand);
        String token = message instanceof Inbound.Command c ? c.token().orElse("") : "";
        return topics.reply(in.pid(), token);
    }

    /** Two events, as {@code publishEvents} builds them. */
    @Benchmark
    public byte[] buildEvents() {
        return codec.events(0, eventList);
    }

    /** A command to another device. */
    @Benchmark
    public byte[] buildCommand() {
        return codec.command(0, ">a_tct", "sum_these", List.of(1, 2, 3));
    }

    /** The last will (event 101). */
    @Benchmark
    public byte[] buildWill() {
        return codec.will(0);
    }

    /** The connect event (102). */
    @Benchmark
    public byte[] buildConnected() {
        return codec.connected(0);
    }

    /** The reply to the seed's command: {@code {"x":[0,0,6]}}. */
    @Benchmark
    public byte[] buildReply() {
        return codec.reply(0, 0, 6);
    }

    /** The on-connect dump: a {@code d} of about 2 KB built from a map. */
    @Benchmark
    public byte[] buildFullDump() {
        return codec.data(0, dump);
    }

    /**
     * A full dump of the shape the client publishes on connect (IP addresses,
     * full hardware data, client versions, settings, one application's
     * report): 2,085 bytes of JSON as a {@code d} message.
     */
    static Map<String, Object> fullDump() {
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("ip", ordered("eth0", List.of("192.168.1.23", "fe80::ba27:ebff:fe12:3456"),
                "wlan0", List.of("10.0.0.57")));
        dump.put("cpu_usg", 12.5);
        dump.put("cpu_tmp", 48.312);
        dump.put("volts", 1.2);
        dump.put("mem", ordered("total", 3_981_180_928L, "used", 1_212_416_000L, "free", 2_768_764_928L,
                "percent", 30.5));
        dump.put("disk", ordered("total", 31_109_140_480L, "used", 9_876_543_210L, "free", 21_232_597_270L,
                "percent", 31.7));
        List<Object> top = new ArrayList<>();
        String[] names = {"java", "mosquitto", "systemd-journald", "NetworkManager", "containerd"};
        for (int i = 0; i < names.length; i++) {
            top.add(List.of(412_000_000L >> i, 1000 + 37 * i, names[i]));
        }
        dump.put("top_5_proc", top);
        dump.put("uptime", 1_234_567);
        dump.put("load", List.of(0.42, 0.37, 0.31));
        dump.put("client", ordered("trin.client", "0.1.0.SNAPSHOT", "trin.api", "0.1.0.SNAPSHOT", "trin.crypto",
                "0.1.0.SNAPSHOT", "trin.health", "0.1.0.SNAPSHOT", "trin.hw.raspberrypi", "0.1.0.SNAPSHOT",
                "java", "17.0.15", "os", "Linux 6.1.0-rpi7-rpi-v8 aarch64"));
        dump.put("settings", ordered("host", "mqtt.trintel.co.za", "port", 1883, "keep_alive", 60,
                "default_qos", 1, "clean_session", true, "pdr_interval", 3600, "use_rtc", false,
                "trusted_senders", "AAA0000CAFEBABE,202481587074134"));
        Map<String, Object> app = new LinkedHashMap<>();
        for (int i = 0; i < 14; i++) {
            app.put("sensor_" + i, ordered("open", i % 2 == 0, "temperature", 20.25 + i, "battery", 97 - i,
                    "last_seen", 1_764_000_000L + i * 60));
        }
        dump.put("door_sensors", app);
        return dump;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * Runs this class's benchmarks, or those the arguments select, with the
     * GC profiler unless the arguments already ask for one.
     */
    public static void main(String[] args) throws Exception {
        CommandLineOptions cmd = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cmd);
        if (cmd.getIncludes().isEmpty()) {
            options.include(CodecBenchmark.class.getName());
        }
        boolean gcAsked = cmd.getProfilers().stream().anyMatch(p -> p.getKlass().equals(GCProfiler.class.getName())
                || p.getKlass().equals("gc"));
        if (!gcAsked) {
            options.addProfiler(GCProfiler.class);
        }
        new Runner(options.build()).run();
    }
}
