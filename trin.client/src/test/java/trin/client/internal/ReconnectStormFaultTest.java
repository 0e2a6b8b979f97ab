package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static trin.client.internal.Faults.LONG;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.api.client.ConnectionState;
import trin.testkit.Await;
import trin.testkit.Mosquitto;

/**
 * Fifty gateways on one Mosquitto that is killed and restarted: the backoff's jitter spreads their
 * reconnects. Prints its figures as {@code [figures]} lines. Run by the {@code faults} profile (which
 * {@code .ci/run} activates), not by a plain build.
 */
class ReconnectStormFaultTest {

    @BeforeAll
    static void requireMosquitto() throws Exception {
        Faults.requireMosquitto(); // skipped (or failed in CI) without mosquitto
    }

    @Test
    void givenFiftyGateways_whenTheirBrokerIsKilledAndRestarted_thenTheJitterSpreadsTheirReconnects(
            @TempDir Path dir) throws Exception {
        int fleetSize = 50;
        List<ClientHarness> fleet = new ArrayList<>();
        try (Mosquitto mosquitto = Mosquitto.builder().start()) {
            Broker broker = Broker.mosquitto(mosquitto);
            try {
                for (int i = 0; i < fleetSize; i++) {
                    ClientHarness gateway = new ClientHarness(broker, dir.resolve("g" + i))
                            .uid(String.format("AAA%012d", i));
                    gateway.guest = true;
                    fleet.add(gateway);
                    gateway.startClient();
                }
                Await.until("the fleet connected", LONG, () -> fleet.stream()
                        .allMatch(g -> g.client.status().state() == ConnectionState.CONNECTED));
                java.time.Instant killed = java.time.Instant.now();
                mosquitto.crashAndRestart();
                long restartedMs = Duration.between(killed, java.time.Instant.now()).toMillis();
                Await.until("the fleet connected again", LONG, () -> fleet.stream()
                        .allMatch(g -> g.client.status().counters().reconnects() >= 1
                                && g.client.status().state() == ConnectionState.CONNECTED));
                List<Long> offsets = fleet.stream()
                        .map(g -> Duration.between(killed, g.client.status().lastConnect().orElseThrow()).toMillis())
                        .sorted().toList();
                int[] perQuarterSecond = new int[(int) (offsets.get(offsets.size() - 1) / 250) + 1];
                offsets.forEach(o -> perQuarterSecond[(int) (o / 250)]++);
                Figures.print("reconnect storm", "%d gateways, broker back after %d ms; reconnected after min %d / "
                        + "median %d / max %d ms (spread %d ms); per 250 ms from the kill: %s", fleetSize, restartedMs,
                        offsets.get(0), offsets.get(offsets.size() / 2), offsets.get(offsets.size() - 1),
                        offsets.get(offsets.size() - 1) - offsets.get(0), java.util.Arrays.toString(perQuarterSecond));
                assertThat(offsets.get(offsets.size() - 1)).isGreaterThan(offsets.get(0));
            } finally {
                fleet.forEach(ClientHarness::close);
            }
        }
    }
}
