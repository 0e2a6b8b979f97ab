package trin.client.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import trin.testkit.Mosquitto;

/** The brokers every scenario runs against. */
enum BrokerKind {
    /** The in-process broker that checks Smart passwords and rejects replays. */
    SMART,
    /** A real Mosquitto process, the broker most people run. */
    MOSQUITTO;

    /** Starts a Mosquitto broker; skipped where none is installed, unless TRIN_REQUIRE_MOSQUITTO is set (CI). */
    Broker start() throws Exception {
        requireMosquitto();
        return Broker.mosquitto(Mosquitto.builder().start());
    }

    static void requireMosquitto() {
        if (System.getenv("TRIN_REQUIRE_MOSQUITTO") == null) {
            assumeTrue(Mosquitto.available(), "mosquitto is not installed (apt-get install mosquitto)");
        } else if (!Mosquitto.available()) {
            throw new IllegalStateException("TRIN_REQUIRE_MOSQUITTO is set but mosquitto is not installed");
        }
    }
}
