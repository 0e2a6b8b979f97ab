package trin.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlSocketTest {

    @TempDir
    Path dir;

    @Test
    void givenARuntimeListening_whenAsked_thenItsAnswerAndExitCode() throws IOException {
        Path path = dir.resolve("trin.sock");
        ControlSocket socket = ControlSocket.open(path, request -> request.equals("status")
                ? ControlSocket.Answer.ok("state CONNECTED\nmore")
                : ControlSocket.Answer.error("unknown " + request));
        try {

            assertThat(ControlSocket.ask(path, "status")).contains(new ControlSocket.Answer(0, "state CONNECTED\nmore"));
            assertThat(ControlSocket.ask(path, "reboot")).contains(new ControlSocket.Answer(1, "unknown reboot"));
            assertThat(Files.getPosixFilePermissions(path)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        } finally {
            socket.close();
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void givenNoSocket_thenNoAnswer() throws IOException {
        assertThat(ControlSocket.ask(dir.resolve("trin.sock"), "status")).isEmpty();
    }

    @Test
    void givenASocketFileLeftByARuntimeThatDied_thenNoAnswer_andANewRuntimeReplacesIt() throws IOException {
        Path path = dir.resolve("trin.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(path)); // closing leaves the file, as a killed runtime does
        }
        assertThat(path).exists();

        assertThat(ControlSocket.ask(path, "status")).isEmpty();
        ControlSocket fresh = ControlSocket.open(path, request -> ControlSocket.Answer.ok("new"));
        try {
            assertThat(ControlSocket.ask(path, "status")).contains(ControlSocket.Answer.ok("new"));
        } finally {
            fresh.close();
        }
    }
}
