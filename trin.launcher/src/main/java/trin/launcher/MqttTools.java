package trin.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * {@code bin/trin publish} and {@code bin/trin try}: mosquitto_pub's job for
 * people who have not got it, with Paho, anonymously, at QoS 1.
 */
final class MqttTools {

    static final String REPLY_TOKEN = ">a_tct";
    private static final long REPLY_WAIT_SECONDS = 10;

    private final Home home;
    private final PrintStream out;

    MqttTools(Home home, PrintStream out) {
        this.home = home;
        this.out = out;
    }

    /** {@code publish [-h host] [-p port] [-q qos] <topic> <message>}: like {@code mosquitto_pub -t -m}. */
    int publish(List<String> args) throws MqttException {
        Setup setup = Setup.read(home);
        String host = "localhost";
        int port = setup.port();
        int qos = 1;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-h" -> host = value(args, ++i, arg);
                case "-p" -> port = number(value(args, ++i, arg), arg);
                case "-q" -> qos = number(value(args, ++i, arg), arg);
                default -> rest.add(arg);
            }
        }
        if (rest.size() != 2) {
            throw new LauncherException("Usage: " + home.script() + " publish [-h host] [-p port] [-q qos] <topic> "
                    + "<message>");
        }
        MqttClient client = connect(host, port);
        try {
            client.publish(rest.get(0), rest.get(1).getBytes(StandardCharsets.UTF_8), qos, false);
            out.println("Published to " + rest.get(0) + " on " + host + ":" + port + " (QoS " + qos + ")");
        } finally {
            close(client);
        }
        return 0;
    }

    /**
     * {@code try [number...]}: sends the seed's {@code sum_these} command (of 1 2 3, or the numbers given) to
     * the sample application of the running runtime, and prints the answer.
     */
    int tryIt(List<String> numbers) throws IOException, MqttException, InterruptedException {
        Setup setup = Setup.read(home);
        if (!setup.hostLocal()) {
            throw new LauncherException("'try' talks to a broker on this machine without a login; conf/"
                    + Setup.CLIENT_CFG + " names " + setup.host() + ". Use the Smart platform's tools there.");
        }
        String cid = ask("cid");
        String uid = ask("uid");
        String args = numbers.isEmpty() ? "1,2,3"
                : String.join(",", numbers.stream().map(MqttTools::jsonValue).toList());
        String payload = "{\"c\": [123456789,\"" + REPLY_TOKEN + "\", [\"sum_these\"," + args + "]]}";
        String topic = cid + "/" + uid + "/my_app_id/</";
        String replyTopic = cid + "/" + uid + "/my_app_id/>/" + REPLY_TOKEN;
        CompletableFuture<String> reply = new CompletableFuture<>();
        MqttClient client = connect("localhost", setup.port());
        try {
            client.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String t, MqttMessage message) {
                    reply.complete(new String(message.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void connectionLost(Throwable cause) {
                    reply.completeExceptionally(cause);
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            client.subscribe(replyTopic, 1);
            out.println("Sent to " + topic + ": " + payload);
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            out.println("Reply on " + replyTopic + ": " + reply.get(REPLY_WAIT_SECONDS, TimeUnit.SECONDS));
            return 0;
        } catch (TimeoutException e) {
            out.println("No reply within " + REPLY_WAIT_SECONDS + " s. The command has an empty sender level, as "
                    + "the seed's: the client answers it only with trustEmptySender=true in conf/" + Setup.CLIENT_CFG
                    + ". See the runtime's log.");
            return 1;
        } catch (ExecutionException e) {
            throw new LauncherException("The connection to the broker was lost: " + e.getCause(), e);
        } finally {
            close(client);
        }
    }

    /** A number as it is; anything else as a JSON string, so that the application sees a bad argument. */
    static String jsonValue(String arg) {
        if (arg.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
            return arg;
        }
        StringBuilder json = new StringBuilder("\"");
        for (char c : arg.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private String ask(String what) throws IOException {
        ControlSocket.Answer answer = ControlSocket.ask(home.socket(), what)
                .orElseThrow(() -> new LauncherException("trin is not running from " + home.dir() + ": start it with "
                        + home.script() + ", then try again from another terminal."));
        if (answer.code() != 0) {
            throw new LauncherException(answer.text().strip());
        }
        return answer.text().strip();
    }

    private static MqttClient connect(String host, int port) throws MqttException {
        String uri = "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        MqttClient client = new MqttClient(uri, "trin-tool-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        options.setAutomaticReconnect(false);
        client.setTimeToWait(10_000);
        try {
            client.connect(options);
        } catch (MqttException e) {
            close(client);
            throw new LauncherException("Cannot connect to the broker at " + uri + ": " + e.getMessage()
                    + (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_EXCEPTION ? " (is trin running?)" : ""),
                    e);
        }
        return client;
    }

    private static void close(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            // leaving anyway
        }
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new LauncherException("Option " + option + " needs a value");
        }
        return args.get(index);
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new LauncherException("Option " + option + " needs a number, not '" + text + "'");
        }
    }
}
