package trin.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the payload parser (Jazzer). A plain build runs it in regression mode: the
 * seeds in {@code PayloadFuzzTestInputs/parse} (the golden vectors' payloads) and every crash found
 * before. {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}; a crash it finds is written beside the
 * seeds and so becomes a regular test.
 */
class PayloadFuzzTest {

    private static final PayloadCodec CODEC = new PayloadCodec(262_144);

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] payload) {
        Inbound parsed = CODEC.parse(payload);

        assertThat(parsed).isNotNull();
        assertThat(parsed.code()).isBetween(-100, 2);
        parsed.token().ifPresent(token -> assertThat(token).isNotNull());
        if (parsed instanceof Inbound.Failure failure) {
            assertThat(failure.code()).isNegative();
        }
    }
}
