/**
 * The Smart-MQTT wire codec: topics ({@link trin.client.internal.codec.Topics})
 * and payloads ({@link trin.client.internal.codec.PayloadCodec}), as
 * {@code SMART-MQTT.md} defines them. Uses nothing of the client. Private to the
 * bundle; every class here is immutable (but the payload limit, which is volatile)
 * and safe to share between threads.
 */
package trin.client.internal.codec;
