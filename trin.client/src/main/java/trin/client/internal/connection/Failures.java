package trin.client.internal.connection;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLException;

import org.eclipse.paho.client.mqttv3.MqttException;

/** What went wrong with a connection, in words an operator reads in the log, without Paho's internals. */
final class Failures {

    private Failures() {
    }

    /** The step of a connection attempt that a failure belongs to, when the failure itself says so. */
    static ConnectStep step(Throwable e, ConnectStep reached) {
        if (e instanceof MqttException m && m.getReasonCode() >= 1 && m.getReasonCode() <= 5) {
            return ConnectStep.CONNACK;
        }
        Throwable cause = rootCause(e);
        if (cause instanceof SSLException) {
            return ConnectStep.TLS;
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException) {
            return ConnectStep.TCP;
        }
        return reached;
    }

    /** The failure in words: the broker's CONNACK reason, or the network's, never Paho's reason numbers alone. */
    static String describe(Throwable e) {
        if (e == null) {
            return "no reason given";
        }
        if (e instanceof MqttException m) {
            switch (m.getReasonCode()) {
                case 1:
                    return "the broker refused the connection: MQTT 3.1.1 not accepted (CONNACK 1)";
                case 2:
                    return "the broker refused the connection: client identifier rejected (CONNACK 2)";
                case 3:
                    return "the broker refused the connection: server unavailable (CONNACK 3)";
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION:
                    return "the broker refused the login: bad user name or password (CONNACK 4)";
                case MqttException.REASON_CODE_NOT_AUTHORIZED:
                    return "the broker refused the login: not authorized (CONNACK 5)";
                case MqttException.REASON_CODE_CLIENT_TIMEOUT:
                    return "no answer from the broker in time";
                default:
                    break;
            }
        }
        Throwable cause = rootCause(e);
        if (cause instanceof EOFException) {
            return "the broker closed the connection";
        }
        if (cause instanceof ConnectException) {
            return "connection refused (nothing listens there)";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host " + cause.getMessage();
        }
        if (cause instanceof SocketTimeoutException) {
            return "the network did not answer in time";
        }
        if (cause instanceof SSLException) {
            return "TLS failed: " + cause.getMessage();
        }
        if (cause instanceof SocketException) {
            return "network error: " + cause.getMessage();
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return cause == e ? text : text + " (" + e.getMessage() + ")";
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
