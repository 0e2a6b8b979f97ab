package trin.client.internal.settings;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ClientConfiguration.PID, name = "trin Smart-MQTT client",
        description = "The gateway's session with a Smart-MQTT broker. Settings changed remotely "
                + "(host, port, keepAlive, defaultQos, cleanSession, pdrInterval, useRtc, trustedSenders) "
                + "are kept in settingsFile and win over these values until 'trin:settings reset'.")
public @interface ClientConfiguration {

    String PID = "trin.client";

    @AttributeDefinition(name = "Broker host", description = "Host name or address of the Smart-MQTT broker.")
    String host() default "mqtt.trintel.co.za";

    @AttributeDefinition(name = "Broker port",
            description = "Port of the broker; 0 means 1883, or 8883 when tls is set.")
    int port() default 0;

    @AttributeDefinition(name = "TLS", description = "Connect with TLS 1.2 or newer, checking the broker's host name.")
    boolean tls() default false;

    @AttributeDefinition(name = "CA file", required = false,
            description = "PEM file of the certificate authorities to trust with TLS; empty means the JVM's trust store.")
    String caFile() default "";

    @AttributeDefinition(name = "Keep-alive (s)",
            description = "MQTT keep-alive interval in seconds. A broker that stops answering is noticed 1.5 to "
                    + "1.75 intervals after its last packet; 0 turns the check off.")
    int keepAlive() default 60;

    @AttributeDefinition(name = "Clean session", description = "Start every connection with a clean MQTT session.")
    boolean cleanSession() default true;

    @AttributeDefinition(name = "Default QoS", description = "QoS of the subscription and of messages published without one (0, 1 or 2).")
    int defaultQos() default 1;

    @AttributeDefinition(name = "Periodic report interval (s)",
            description = "Seconds between two periodic health reports; 0 turns them off.")
    int pdrInterval() default 3600;

    @AttributeDefinition(name = "Use real-time clock",
            description = "Stamp outgoing messages with the gateway's time; otherwise 0, and the platform stamps them.")
    boolean useRtc() default false;

    @AttributeDefinition(name = "Trusted senders", required = false,
            description = "UIDs of other devices whose commands are accepted, besides the platform's.")
    String[] trustedSenders() default {};

    @AttributeDefinition(name = "Trust an empty sender",
            description = "Accept commands whose sender level is empty (CID/UID/PID/</), as the seed's mosquitto_pub "
                    + "example sends them. For local development only: never in production.")
    boolean trustEmptySender() default false;

    @AttributeDefinition(name = "Settings file",
            description = "The ini file (the Python client's format) where remotely changed settings are kept.")
    String settingsFile() default "~/.config/trinmqtt/trinmqtt.ini";

    @AttributeDefinition(name = "Maximum reconnect delay (s)",
            description = "Reconnect attempts back off exponentially, with jitter, from 1 s up to this.")
    int reconnectMaxDelay() default 120;

    @AttributeDefinition(name = "Connect timeout (s)",
            description = "The longest one connection attempt may take, from socket to subscribed (TCP connect, "
                    + "TLS handshake, CONNACK, SUBACK); then it is given up and the next one follows.")
    int connectTimeout() default 30;

    @AttributeDefinition(name = "Outbox capacity",
            description = "Messages kept while disconnected; when full, the oldest data and events are dropped.")
    int outboxCapacity() default 10000;

    @AttributeDefinition(name = "Outbox directory", required = false,
            description = "Where the outbox is kept on disk; empty means the bundle's data area.")
    String outboxDir() default "";

    @AttributeDefinition(name = "Messages in flight",
            description = "At most this many QoS 1/2 messages await the broker's acknowledgement at once; paces a backlog.")
    int maxInflight() default 20;

    @AttributeDefinition(name = "Command workers", description = "The most threads that run commands: one while "
            + "it keeps up, another as soon as a command finds every thread busy.")
    int workers() default 4;

    @AttributeDefinition(name = "Reply timeout (s)",
            description = "How long a command sent to another device waits for its reply.")
    int replyTimeout() default 30;

    @AttributeDefinition(name = "Health reporter timeout (ms)",
            description = "A health reporter slower than this is left out of that report.")
    int healthTimeout() default 5000;

    @AttributeDefinition(name = "Rollback after (s)",
            description = "A remote change of host, port or keep-alive after which no connection succeeds for this "
                    + "long is rolled back.")
    int rollbackAfter() default 300;

    @AttributeDefinition(name = "Reboot and restart delay (s)",
            description = "Delay before reboot_hardware and restart_client act, so that their reply goes out first.")
    int actionDelay() default 10;

    @AttributeDefinition(name = "Upgrade location", required = false,
            description = "Directory or URL prefix holding <bundle-symbolic-name>.jar files for upgrade_client; "
                    + "empty means each bundle's own location.")
    String upgradeLocation() default "";

    @AttributeDefinition(name = "Upgrade trust", required = false,
            description = "PEM file of the owner's signing certificate or public key (one or more): upgrade_client "
                    + "installs only jars whose every entry is signed by one of these keys. Empty: upgrades are refused.")
    String upgradeTrust() default "";

    @AttributeDefinition(name = "Upgrade rollback after (s)",
            description = "After upgrade_client, the new bundles must resolve, start and connect within this long; "
                    + "else the previous versions are put back.")
    int upgradeRollbackAfter() default 300;

    @AttributeDefinition(name = "Maximum payload (bytes)", description = "Larger incoming messages are rejected as malformed.")
    int maxPayloadBytes() default 262144;

    @AttributeDefinition(name = "Local set-up",
            description = "Marks a local development set-up (a local broker and a development key), shown in "
                    + "the log and trin:status.")
    boolean local() default false;
}
