package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static trin.client.internal.ClientHarness.CID;
import static trin.client.internal.ClientHarness.UID;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.api.client.ConnectionState;
import trin.api.client.Event;
import trin.devbroker.LoginAttempt;
import trin.devbroker.SmartBroker;
import trin.testkit.Await;
import trin.testkit.Relay;
import trin.testkit.TestCertificates;

/**
 * A broker that accepts TCP and then stops answering must never leave the
 * device offline. The device reaches the broker through a {@link Relay} that
 * stalls the link (bytes accepted, none forwarded) at each step of a
 * connection; every test asserts what the broker and the platform see: a new
 * login, and a new connect event (102) once the relay lets the device through.
 * Each prints its figures for the record.
 */
class LivenessTest {

    /** One second keep-alive and connect timeout: a stalled link is noticed in 1.5 to 2 s, an attempt given up after 1 s. */
    private static final int KEEP_ALIVE = 1;
    private static final int CONNECT_TIMEOUT = 1;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private ClientHarness harness;
    private SmartBroker broker;
    private Relay relay;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    private void deviceBehindRelay(SmartBroker smart) throws Exception {
        broker = smart;
        harness = new ClientHarness(Broker.smart(smart), dir);
        smart.register(CID, UID, harness.key);
        relay = new Relay(smart.port());
        harness.with("port", relay.port()).with("keepAlive", KEEP_ALIVE).with("connectTimeout", CONNECT_TIMEOUT)
                .with("reconnectMaxDelay", 1).start();
    }

    @Test
    void aStalledSessionIsDroppedWithinTwoKeepAlivesWhileTheApplicationPublishesAndConnectsAgain() throws Exception {
        deviceBehindRelay(SmartBroker.builder().start());
        int logins = deviceLogins();
        int events = connectEvents();

        Instant stalled = Instant.now();
        relay.stall();
        publishWhile(() -> harness.client.status().state() == ConnectionState.CONNECTED);
        Duration detected = Duration.between(stalled, harness.client.status().lastDisconnect().orElseThrow());
        relay.pass();
        awaitConnectEvent(events + 1);

        // the bound is 2 keep-alives; half a second more for a scheduler on a busy machine
        assertThat(detected).isLessThanOrEqualTo(Duration.ofMillis(2000L * KEEP_ALIVE + 500));
        assertThat(deviceLoginAttempts()).hasSizeGreaterThan(logins).allMatch(LoginAttempt::accepted);
        assertThat(harness.client.status().lastDisconnectReason().orElseThrow()).contains("stopped answering");
        System.out.printf("[figures] established session stalled: dead link noticed after %d ms (keep-alive %d s)%n",
                detected.toMillis(), KEEP_ALIVE);
    }

    @Test
    void anAttemptWhoseConnectIsSwallowedIsGivenUpAndTheNextOneConnects() throws Exception {
        deviceBehindRelay(SmartBroker.builder().start());
        int logins = deviceLogins();

        Duration recovered = recoverFrom(Kind.CONNECT_SWALLOWED);

        // the stalled attempt was given up and another one made (a third connection through the relay);
        // the swallowed CONNECT never reached the broker, so every login it saw was accepted
        assertThat(relay.accepted()).isGreaterThanOrEqualTo(3);
        assertThat(deviceLoginAttempts()).hasSizeGreaterThan(logins).allMatch(LoginAttempt::accepted);
        System.out.printf("[figures] CONNECT swallowed: connected again %d ms after the drop%n", recovered.toMillis());
    }

    @Test
    void anAttemptWhoseSubscribeIsSwallowedIsGivenUpAndTheNextOneConnects() throws Exception {
        deviceBehindRelay(SmartBroker.builder().start());
        int logins = deviceLogins();

        Duration recovered = recoverFrom(Kind.SUBSCRIBE_SWALLOWED);

        // the broker saw the stalled attempt's CONNECT and the next one's; it accepts no password twice
        assertThat(deviceLoginAttempts()).hasSizeGreaterThanOrEqualTo(logins + 2).allMatch(LoginAttempt::accepted);
        System.out.printf("[figures] SUBSCRIBE swallowed: connected again %d ms after the drop%n",
                recovered.toMillis());
    }

    @Test
    void aTlsHandshakeThatNeverCompletesIsGivenUpAndTheNextOneConnects() throws Exception {
        TestCertificates certificates = TestCertificates.generate(dir.resolve("certs"));
        SmartBroker smart = SmartBroker.builder().tls(certificates.keystore(), certificates.keystorePassword())
                .start();
        broker = smart;
        harness = new ClientHarness(Broker.smart(smart), dir);
        smart.register(CID, UID, harness.key);
        relay = new Relay(smart.tlsPort());
        harness.with("tls", true).with("host", "localhost").with("caFile", certificates.caPem().toString())
                .with("port", relay.port()).with("keepAlive", KEEP_ALIVE).with("connectTimeout", CONNECT_TIMEOUT)
                .with("reconnectMaxDelay", 1).start();
        int logins = deviceLogins();
        List<Long> times = new ArrayList<>();

        for (int cycle = 0; cycle < 3; cycle++) {
            times.add(recoverFrom(Kind.TLS_SWALLOWED).toMillis());
        }

        assertThat(deviceLoginAttempts()).hasSizeGreaterThanOrEqualTo(logins + 3).allMatch(LoginAttempt::accepted);
        assertThat(harness.client.status().broker()).startsWith("ssl://");
        System.out.printf("[figures] TLS handshake swallowed: connected again after %s ms%n", times);
    }

    @Test
    void fiftyStallsOfEveryKindLeaveNoThreadBehind() throws Exception {
        deviceBehindRelay(SmartBroker.builder().start());
        int baseline = awaitSteadyThreads(-1);
        Map<Kind, List<Long>> times = new EnumMap<>(Kind.class);
        List<Long> detected = new ArrayList<>();

        for (int cycle = 0; cycle < 50; cycle++) {
            Kind kind = Kind.values()[cycle % 3];
            Instant before = Instant.now();
            times.computeIfAbsent(kind, k -> new ArrayList<>()).add(recoverFrom(kind).toMillis());
            if (kind == Kind.ESTABLISHED_STALLED) {
                detected.add(Duration.between(before, harness.client.status().lastDisconnect().orElseThrow())
                        .toMillis());
            }
        }

        int after = awaitSteadyThreads(baseline);
        assertThat(after).isEqualTo(baseline);
        assertThat(harness.client.status().counters().reconnects()).isEqualTo(50);
        System.out.printf("[figures] established sessions stalled: dead link noticed after %s ms (keep-alive %d s)%n",
                detected, KEEP_ALIVE);
        times.forEach((kind, list) -> System.out.printf(
                "[figures] %s x%d: connected again after min %d / median %d / max %d ms; client threads %d before, "
                        + "%d after%n", kind, list.size(), list.stream().mapToLong(Long::longValue).min().orElse(0),
                list.stream().sorted().collect(Collectors.toList()).get(list.size() / 2),
                list.stream().mapToLong(Long::longValue).max().orElse(0), baseline, after));
    }

    private enum Kind {
        ESTABLISHED_STALLED, CONNECT_SWALLOWED, SUBSCRIBE_SWALLOWED, TLS_SWALLOWED
    }

    /** Breaks the running session in the way given and waits for the connect event of the session after it. */
    private Duration recoverFrom(Kind kind) throws Exception {
        int events = connectEvents();
        Instant start = Instant.now();
        switch (kind) {
            case ESTABLISHED_STALLED -> {
                relay.stall();
                Await.until("the stalled session to be dropped", WAIT,
                        () -> harness.client.status().state() != ConnectionState.CONNECTED);
                relay.pass();
            }
            case CONNECT_SWALLOWED -> {
                relay.stallNextAt(Relay.CONNECT);
                relay.dropConnections();
            }
            case SUBSCRIBE_SWALLOWED -> {
                relay.stallNextAt(Relay.SUBSCRIBE);
                relay.dropConnections();
            }
            case TLS_SWALLOWED -> {
                relay.stallNextAt(Relay.FIRST_BYTE);
                relay.dropConnections();
            }
        }
        Await.until("connect event number " + (events + 1), WAIT, () -> connectEvents() > events);
        return Duration.between(start, Instant.now());
    }

    private void awaitConnectEvent(int atLeast) {
        Await.until(atLeast + " connect event(s) at the platform", WAIT, () -> connectEvents() >= atLeast);
    }

    /** Publishes an event every 100 ms while the condition holds: traffic must not delay noticing a dead link. */
    private void publishWhile(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (condition.getAsBoolean() && System.nanoTime() < deadline) {
            harness.client.publishEvents("my_app_id", List.of(Event.now(1, "still here")), 0);
            Thread.sleep(100);
        }
    }

    private int connectEvents() {
        return (int) harness.platform.messages().stream()
                .filter(m -> m.topic().equals(ClientHarness.topic("0", ">")) && m.text().contains("102")).count();
    }

    private List<LoginAttempt> deviceLoginAttempts() {
        return broker.logins().stream().filter(l -> l.clientId().equals(UID)).toList();
    }

    private int deviceLogins() {
        return deviceLoginAttempts().size();
    }

    /** The client's threads (Paho's and trin's) once their number has settled: closed attempts' threads end. */
    private static int awaitSteadyThreads(int expected) {
        if (expected >= 0) {
            try {
                Await.until(expected + " client threads", WAIT, () -> clientThreads() == expected);
            } catch (AssertionError e) {
                return clientThreads();
            }
            return expected;
        }
        Await.until("the client's threads to settle", WAIT, () -> !Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("trin-paho-close")));
        return clientThreads();
    }

    private static int clientThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("MQTT") || t.getName().startsWith("trin-")).count();
    }
}
