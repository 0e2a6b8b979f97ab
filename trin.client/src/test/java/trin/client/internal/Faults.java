package trin.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import trin.api.client.Event;
import trin.testkit.Await;
import trin.testkit.MqttProbe;

/**
 * What the repeated-fault scenarios (the {@code *FaultTest} classes, run by the {@code faults} profile)
 * share: the events they publish and count, a platform's command sender, the client's threads.
 */
final class Faults {

    static final String EVENTS_PID = "7";
    static final Duration LONG = Duration.ofSeconds(180);

    private Faults() {
    }

    /** Skips the calling class without mosquitto (fails it in CI, where TRIN_REQUIRE_MOSQUITTO is set). */
    static void requireMosquitto() throws Exception {
        BrokerKind.MOSQUITTO.start().close();
    }

    /** A broker nobody can reach: the port of a relay that is cut, or of nothing. */
    static Broker unreachable(int port) {
        return new Broker() {
            public String host() {
                return "127.0.0.1";
            }

            public int port() {
                return port;
            }

            public String[] platformLogin() {
                return null;
            }

            public void stop() {
            }

            public void start() {
            }

            public void close() {
            }
        };
    }

    /** The client's threads (Paho's and trin's) once closed attempts' threads have ended. */
    static int steadyClientThreads(int expected) {
        if (expected >= 0) {
            try {
                Await.until(expected + " client threads", ClientHarness.WAIT, () -> clientThreads() == expected);
            } catch (AssertionError e) {
                return clientThreads();
            }
            return expected;
        }
        Await.until("the client's threads to settle", ClientHarness.WAIT, () -> Thread.getAllStackTraces().keySet()
                .stream().noneMatch(t -> t.getName().startsWith("trin-paho-close")));
        return clientThreads();
    }

    static int clientThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("MQTT") || t.getName().startsWith("trin-")).count();
    }

    /** Sends a command as the platform, waiting while the probe has too many publishes in flight (Paho 32202). */
    static void send(MqttProbe probe, String pid, String payload) {
        String topic = ClientHarness.topic(pid, "<", ClientHarness.SERVER);
        Await.until("the probe to take a publish", ClientHarness.WAIT, () -> {
            try {
                probe.publish(topic, payload, 1, false);
                return true;
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                if (e.getReasonCode() == org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_MAX_INFLIGHT) {
                    return false;
                }
                throw new AssertionError("publishing to " + topic + " failed", e);
            }
        });
    }

    /** Publishes events numbered from {@code from}, {@code count} of them, at a steady rate. */
    static void publishSteadily(ClientHarness gateway, int from, int count, int perSecond,
            AtomicInteger published) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            gateway.client.publishEvents(EVENTS_PID, List.of(new Event(0, from + i, "n")), 1);
            published.incrementAndGet();
            long due = start + TimeUnit.SECONDS.toNanos(i + 1) / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not waiting for a result
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The codes of the events on PID 7, in arrival order. */
    static List<Integer> eventsOf(List<MqttProbe.Received> messages) {
        String topic = ClientHarness.topic(EVENTS_PID, ">");
        List<Integer> codes = new ArrayList<>();
        for (MqttProbe.Received m : messages) {
            if (m.topic().equals(topic)) {
                try {
                    codes.add(ClientHarness.JSON.readTree(m.payload()).get("e").get(1).get(0).get(1).asInt());
                } catch (java.io.IOException e) {
                    throw new AssertionError("not an event: " + m.text(), e);
                }
            }
        }
        return codes;
    }

    /** Losses, duplicates and order of events numbered 0 to total - 1. */
    record Delivery(long distinct, long lost, long duplicates, boolean inOrder) {
        static Delivery of(List<Integer> events, int total) {
            long distinct = events.stream().distinct().count();
            boolean inOrder = true;
            int highest = -1;
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int e : events) {
                if (seen.add(e)) {
                    inOrder &= e > highest;
                    highest = Math.max(highest, e);
                }
            }
            return new Delivery(distinct, total - distinct, events.size() - distinct, inOrder);
        }
    }
}
