package trin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import trin.api.command.Command;
import trin.api.command.Reply;
import trin.api.command.ResultCode;
import trin.api.device.Registration;

/** The API's value types keep the protocol's codes and texts. */
class ApiValuesTest {

    @Test
    void resultCodesHaveTheProtocolsValues() {
        assertThat(ResultCode.of(-22)).contains(ResultCode.F_EXCEPTION);
        assertThat(ResultCode.of(-100)).contains(ResultCode.F_NO_RPC);
        assertThat(ResultCode.of(2)).contains(ResultCode.P_SOME_EVENTS_BROKEN);
        assertThat(ResultCode.of(-300)).isEmpty();
        assertThat(Arrays.stream(ResultCode.values()).mapToInt(ResultCode::code).distinct().count())
                .isEqualTo(ResultCode.values().length);
        assertThat(ResultCode.isReserved(200)).isTrue();
        assertThat(ResultCode.isReserved(-201)).isFalse();
        assertThat(ResultCode.P_BAD_TS.isFailure()).isFalse();
        assertThat(ResultCode.F_PL_EMPTY.isFailure()).isTrue();
    }

    @Test
    void repliesCarryTheProtocolsTexts() {
        assertThat(Reply.ok(0)).isEqualTo(new Reply(0, 0));
        assertThat(Reply.failure(-300, "arguments must be numbers"))
                .isEqualTo(new Reply(-300, "NAC arguments must be numbers"));
        assertThat(Reply.unknownCommand()).isEqualTo(new Reply(-100, "RPC Not implemented"));
        assertThat(Reply.ok(null).isSuccess()).isTrue();
        assertThat(Reply.unknownCommand().isSuccess()).isFalse();
    }

    @Test
    void aCommandCopiesItsArgumentsAndKeepsJsonNulls() {
        List<Object> args = new ArrayList<>(Arrays.asList(1, null, "x"));
        Command command = new Command("my_app_id", "sum_these", args, Optional.of("t"), Command.SERVER,
                Optional.empty(), 0);
        args.clear();

        assertThat(command.args()).containsExactly(1, null, "x");
        assertThat(command.arg(1)).isEmpty();
        assertThat(command.arg(2)).contains("x");
        assertThat(command.arg(3)).isEmpty();
        assertThat(command.fromServer()).isTrue();
        assertThatThrownBy(() -> command.args().add(2)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRegistrationIsDescribedAsThePythonClientDid() {
        assertThat(new Registration("12345678", "AAA0000DEADBEEF", "This should be added to SMART.").describe())
                .isEqualTo("Done.\nYour PROFILE_ID is: 12345678\nYour UID(Device Unique ID) is: AAA0000DEADBEEF\n"
                        + "This should be added to SMART.");
    }
}
