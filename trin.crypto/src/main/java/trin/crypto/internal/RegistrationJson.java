package trin.crypto.internal;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import trin.api.device.RegistrationException;

/** The registration request's body and the platform's answer. */
final class RegistrationJson {

    /** A successful answer: the key decoded, the CID from the field {@code pid}. */
    record Answer(String cid, Optional<String> uid, String message, byte[] key) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RegistrationJson() {
    }

    /** A customer id of digits only is sent as a number, as the Python client did. */
    static String request(int modelId, Optional<String> customerId) {
        ObjectNode body = MAPPER.createObjectNode().put("model_id", modelId);
        customerId.map(String::strip).filter(id -> !id.isEmpty()).ifPresent(id -> {
            if (id.matches("[0-9]+")) {
                body.put("target_customer_id", new BigInteger(id));
            } else {
                body.put("target_customer_id", id);
            }
        });
        return body.toString();
    }

    /** The text of an {@code err} answer, if the body is one. */
    static Optional<String> error(String body) {
        JsonNode tree = tree(body);
        return tree != null && tree.hasNonNull("err") ? Optional.of(tree.get("err").asText()) : Optional.empty();
    }

    static Answer answer(String body) throws RegistrationException {
        JsonNode tree = tree(body);
        if (tree == null || !tree.isObject()) {
            throw new RegistrationException("The registration service gave an answer that is not a JSON object: "
                    + Excerpt.of(body));
        }
        if (tree.hasNonNull("err")) {
            throw new RegistrationException("The Smart platform refused the registration: " + tree.get("err").asText());
        }
        String cid = text(tree, "pid");
        String pk = text(tree, "pk");
        if (cid.isEmpty() || pk.isEmpty()) {
            throw new RegistrationException("The registration service's answer has no "
                    + (cid.isEmpty() ? "CID (pid)" : "key (pk)") + ": " + Excerpt.of(fieldNames(tree)));
        }
        byte[] key;
        try {
            key = HexFormat.of().parseHex(pk);
        } catch (IllegalArgumentException e) {
            // The key itself is never shown, even when malformed.
            throw new RegistrationException("The registration service's key (pk) is not hexadecimal ("
                    + pk.length() + " characters); nothing was written.");
        }
        String uid = text(tree, "uid");
        return new Answer(cid, uid.isEmpty() ? Optional.empty() : Optional.of(uid), text(tree, "msg"), key);
    }

    private static JsonNode tree(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        return node == null || node.isNull() || node.isContainerNode() ? "" : node.asText().strip();
    }

    private static String fieldNames(JsonNode tree) {
        StringBuilder names = new StringBuilder("fields ");
        tree.fieldNames().forEachRemaining(name -> names.append(name).append(' '));
        return names.toString().strip();
    }
}
