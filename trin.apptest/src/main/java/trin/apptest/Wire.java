package trin.apptest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Smart-MQTT payloads the platform sends and reads: a command {@code {"c":[ts,token,[name,args...]]}},
 * a reply {@code {"x":[ts,code,result]}}, events {@code {"e":[ts,[[sse,code,text],...]]}}, data
 * {@code {"d":[ts,data]}}. A payload that is not what is looked for reads as nothing.
 */
final class Wire {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Wire() {
    }

    /** A command as the server sends it. */
    static String command(String token, String name, Object... args) {
        List<Object> command = new ArrayList<>();
        command.add(name);
        command.addAll(Arrays.asList(args));
        List<Object> c = new ArrayList<>();
        c.add(0);
        c.add(token);
        c.add(command);
        try {
            return JSON.writeValueAsString(Map.of("c", c));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments that are not JSON values: " + Arrays.toString(args), e);
        }
    }

    /** The reply, when the message is one on that topic. */
    static Optional<CommandReply> reply(Message message, String topic) {
        if (message.topic().equals(topic) && field(message, "x") instanceof List<?> x && x.size() >= 2
                && x.get(1) instanceof Number code) {
            return Optional.of(new CommandReply(message.topic(), message.text(), code.intValue(),
                    x.size() > 2 ? x.get(2) : null));
        }
        return Optional.empty();
    }

    /** The events the message carries, when it is events on that topic. */
    static List<AppEvent> events(Message message, String topic) {
        List<AppEvent> events = new ArrayList<>();
        if (message.topic().equals(topic) && field(message, "e") instanceof List<?> e && e.size() >= 2
                && e.get(1) instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof List<?> event && event.size() >= 2 && event.get(1) instanceof Number code) {
                    events.add(new AppEvent(code.intValue(), event.size() > 2 ? String.valueOf(event.get(2)) : "",
                            message));
                }
            }
        }
        return events;
    }

    /** The data the message carries, when it is data on that topic. */
    static Optional<Object> data(Message message, String topic) {
        if (message.topic().equals(topic) && field(message, "d") instanceof List<?> d && d.size() >= 2) {
            return Optional.ofNullable(d.get(1));
        }
        return Optional.empty();
    }

    /** A health report on PID 0: data that is a map and not the connect dump (which has the settings). */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> healthReport(Message message, String topic) {
        return data(message, topic).filter(data -> data instanceof Map<?, ?> map && !map.containsKey("settings"))
                .map(data -> (Map<String, Object>) data);
    }

    private static Object field(Message message, String name) {
        try {
            return JSON.readValue(message.text(), Object.class) instanceof Map<?, ?> map ? map.get(name) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
