package trin.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The floor: the least a JVM device can do to answer a command. A Paho
 * {@code MqttAsyncClient} with Nagle off, subscribed to
 * {@code CID/UID/my_app_id/</+}, answering each command from a single-thread
 * executor with {@code {"x":[0,0,6]}} at QoS 1 on {@code CID/UID/my_app_id/>/TOKEN};
 * no JSON library, no trust check, no outbox. Run as its own JVM by the load
 * driver: {@code BareEcho host port CID UID}; prints {@code READY} once subscribed.
 */
public final class BareEcho {

    private static final byte[] REPLY = Platform.EXPECTED_REPLY.getBytes(StandardCharsets.UTF_8);

    private BareEcho() {
    }

    public static void main(String[] args) throws Exception {
        String prefix = args[2] + "/" + args[3] + "/my_app_id/";
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "echo-worker"));
        MqttAsyncClient paho = new MqttAsyncClient("tcp://" + args[0] + ":" + args[1], "bare-echo-" + System.nanoTime(),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        options.setSocketFactory(new Platform.NoDelay());
        paho.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                System.err.println("echo: connection lost: " + cause);
                System.exit(1);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                byte[] payload = message.getPayload();
                worker.execute(() -> answer(paho, prefix, payload));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // nothing to do
            }
        });
        paho.connect(options).waitForCompletion(10_000);
        paho.subscribe(prefix + "</+", 1).waitForCompletion(10_000);
        System.out.println("READY");
        System.out.flush();
        // Runs until the driver ends the process; stdin closing ends it too.
        while (System.in.read() >= 0) {
            // nothing
        }
        System.exit(0);
    }

    /** {"c":[0,"TOKEN",[...]]}: the token is the first string. */
    private static void answer(MqttAsyncClient paho, String prefix, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        int open = text.indexOf('"', text.indexOf('['));
        int close = text.indexOf('"', open + 1);
        try {
            paho.publish(prefix + ">/" + text.substring(open + 1, close), REPLY, 1, false);
        } catch (MqttException e) {
            System.err.println("echo: " + e);
        }
    }
}
