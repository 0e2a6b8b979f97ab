package trin.client.internal;

import trin.devbroker.SmartBroker;
import trin.testkit.Mosquitto;

/** The two brokers the scenarios run against: the in-process one that checks Smart passwords, and Mosquitto. */
interface Broker extends AutoCloseable {

    String host();

    int port();

    /** A username and password a test client playing the platform may log in with; null for none. */
    String[] platformLogin();

    void stop() throws Exception;

    /** Makes a device known to the broker, where it checks passwords. */
    default void register(String cid, String uid, byte[] key) {
    }

    /** The logins the broker saw, where it records them. */
    default java.util.List<trin.devbroker.LoginAttempt> logins() {
        return java.util.List.of();
    }

    void start() throws Exception;

    @Override
    void close();

    static Broker smart(SmartBroker broker) {
        broker.addUser("platform", "platform-secret");
        return new Broker() {
            public String host() {
                return "127.0.0.1";
            }

            public int port() {
                return broker.port();
            }

            public String[] platformLogin() {
                return new String[] {"platform", "platform-secret"};
            }

            public void stop() {
                broker.stop();
            }

            public void register(String cid, String uid, byte[] key) {
                broker.register(cid, uid, key);
            }

            public java.util.List<trin.devbroker.LoginAttempt> logins() {
                return broker.logins();
            }

            public void start() {
                broker.start();
            }

            public void close() {
                broker.close();
            }

            public String toString() {
                return "SmartBroker";
            }
        };
    }

    static Broker mosquitto(Mosquitto mosquitto) {
        return new Broker() {
            public String host() {
                return "127.0.0.1";
            }

            public int port() {
                return mosquitto.port();
            }

            public String[] platformLogin() {
                return null;
            }

            public void stop() throws Exception {
                mosquitto.stop();
            }

            public void start() throws Exception {
                mosquitto.start();
            }

            public void close() {
                mosquitto.close();
            }

            public String toString() {
                return "Mosquitto";
            }
        };
    }
}
