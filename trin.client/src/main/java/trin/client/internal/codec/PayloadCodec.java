package trin.client.internal.codec;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import trin.api.client.Event;
import trin.api.client.EventCodes;
import trin.api.command.ResultCode;

/**
 * Reads and writes Smart-MQTT payloads with Jackson's streaming API (values
 * that are not plain JSON values go through databind: {@link JsonValues}).
 * Thread-safe: an instance holds only immutable state and one configured
 * {@link JsonFactory}, so one codec serves every thread of the session.
 */
public final class PayloadCodec {

    /** The largest payload {@link #parse(byte[])} reads by default: 256 KiB. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PayloadCodec.class);

    private static final Inbound NOT_JSON =
            new Inbound.Failure(ResultCode.F_PL_NOT_JSON.code(), Optional.empty());

    // Limits for hostile input. Real payloads are a few levels deep and carry
    // numbers of at most 24 characters (a long has 20, a double's shortest form
    // 24), so depth 64 and 100 characters leave room while keeping the
    // recursion of JsonValues shallow and BigInteger/BigDecimal parsing cheap
    // (thousands of digits cost quadratic time). No document, string or key can
    // be longer than the payload limit: parse() rejects a longer payload before
    // decoding it, and the parser gets the same bound for document, string and
    // key length as a second line (Jackson's defaults are 20 M characters for a
    // string, unlimited for a document). Everything built is then proportional
    // to the payload: tens of bytes of Java objects per byte of JSON at worst.
    private static final int MAX_DEPTH = 64;
    private static final int MAX_NUMBER_LENGTH = 100;

    private volatile int maxPayloadBytes;
    private final JsonFactory json;
    private final PayloadChecks checks;

    /**
     * @param maxPayloadBytes the largest payload to read; longer ones give -14
     */
    public PayloadCodec(int maxPayloadBytes) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive: " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(maxPayloadBytes)
                .maxNameLength(maxPayloadBytes)
                .maxDocumentLength(maxPayloadBytes)
                .build();
        this.json = JsonFactory.builder().streamReadConstraints(limits).build();
        this.checks = new PayloadChecks(this::toJson);
    }

    /** A new limit for the messages read from now on ({@code maxPayloadBytes} changed). */
    public void maxPayloadBytes(int maxPayloadBytes) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive: " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * Parses an incoming payload. Never throws; memory use is bounded by the
     * payload limit.
     *
     * @param payload the raw bytes, UTF-8
     * @return the message, or a {@link Inbound.Failure} with its code
     */
    public Inbound parse(byte[] payload) {
        if (payload == null || payload.length == 0 || payload.length > maxPayloadBytes) {
            return NOT_JSON;
        }
        String key = null;
        Object value = null;
        try (JsonParser p = createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return NOT_JSON;
            }
            if (p.nextToken() == JsonToken.FIELD_NAME) {
                key = p.currentName();
                p.nextToken();
                value = JsonValues.read(p);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    p.nextToken();
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                return NOT_JSON;
            }
        } catch (CharacterCodingException e) {
            LOG.debug("payload is not UTF-8");
            return NOT_JSON;
        } catch (JsonProcessingException e) {
            LOG.debug("payload is not JSON: {}", e.getOriginalMessage());
            return NOT_JSON;
        } catch (IOException | RuntimeException e) {
            LOG.warn("payload could not be read", e);
            return NOT_JSON;
        }
        try {
            return checks.check(key, value);
        } catch (RuntimeException e) {
            LOG.warn("payload could not be checked", e);
            return new Inbound.Failure(ResultCode.F_ERROR.code(), Optional.empty());
        }
    }

    private JsonParser createParser(byte[] payload) throws IOException {
        // Decoded up front: Jackson's own UTF-8 reader lets some invalid sequences through.
        CharBuffer text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(payload));
        return json.createParser(text.array(), text.arrayOffset() + text.position(), text.remaining());
    }

    /**
     * @param ts the time stamp
     * @param data any value Jackson's databind can write, {@code null} for JSON null
     * @return {@code {"d":[ts,data]}}
     * @throws IllegalArgumentException when the data cannot be written as JSON
     */
    public byte[] data(long ts, Object data) {
        return message("d", ts, g -> JsonValues.write(g, data));
    }

    /**
     * @param ts the time stamp
     * @param events the events; a {@code null} description is left out
     * @return {@code {"e":[ts,[[sse,code,desc],...]]}}
     */
    public byte[] events(long ts, List<Event> events) {
        Objects.requireNonNull(events, "events");
        return message("e", ts, g -> {
            g.writeStartArray();
            for (Event event : events) {
                g.writeStartArray();
                g.writeNumber(event.secondsSince());
                g.writeNumber(event.code());
                if (event.description() != null) {
                    g.writeString(event.description());
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        });
    }

    /**
     * @param ts the time stamp
     * @param code the result code
     * @param result the result, {@code null} for none; {@code 0}, {@code ""}
     *        and empty lists are sent
     * @return {@code {"x":[ts,code]}} or {@code {"x":[ts,code,result]}}
     * @throws IllegalArgumentException when the result cannot be written as JSON
     */
    public byte[] reply(long ts, int code, Object result) {
        return message("x", ts, g -> {
            g.writeNumber(code);
            if (result != null) {
                JsonValues.write(g, result);
            }
        });
    }

    /**
     * @param ts the time stamp
     * @param token the token, {@code null} when no reply is wanted
     * @param name the command's name
     * @param args the arguments after the name
     * @return {@code {"c":[ts,token,[name,args...]]}}, or without the token
     * @throws IllegalArgumentException when an argument cannot be written as JSON
     */
    public byte[] command(long ts, String token, String name, List<?> args) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(args, "args");
        return message("c", ts, g -> {
            if (token != null) {
                g.writeString(token);
            }
            g.writeStartArray();
            g.writeString(name);
            for (Object arg : args) {
                JsonValues.write(g, arg);
            }
            g.writeEndArray();
        });
    }

    /**
     * @param ts the time stamp
     * @return the last will, {@code {"e":[ts,[[ts,101,"LWT Published"]]]}}
     */
    public byte[] will(long ts) {
        return events(ts, List.of(new Event(ts, EventCodes.LAST_WILL, "LWT Published")));
    }

    /**
     * @param ts the time stamp
     * @return the connect event, {@code {"e":[ts,[[ts,102,"Connect Success"]]]}}
     */
    public byte[] connected(long ts) {
        return events(ts, List.of(new Event(ts, EventCodes.CONNECTED, "Connect Success")));
    }

    /**
     * @param value a plain Java value (Map, List, String, Number, Boolean, null)
     * @return its JSON text
     * @throws IllegalArgumentException when it cannot be written as JSON
     */
    public String toJson(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = json.createGenerator(out)) {
            JsonValues.write(g, value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be written as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be written as JSON: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /**
     * Reads one JSON value as a plain Java value (see {@link #parse}'s types),
     * e.g. what a person typed after {@code trin:data}.
     *
     * @throws IllegalArgumentException with Jackson's reason when it is not one JSON value
     */
    public Object readValue(String text) {
        try (JsonParser p = json.createParser(text)) {
            p.nextToken();
            Object value = JsonValues.read(p);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "more than one value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] message(String type, long ts, Body body) {
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName(type);
            g.writeStartArray();
            g.writeNumber(ts);
            body.write(g);
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be written as JSON: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
