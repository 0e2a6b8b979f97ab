package trin.hw.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinuxIdentityTest {

    @TempDir
    Path root;

    @Test
    void givenVmWithEth0AndIfbs_whenActivated_thenUidFromEth0() {
        vmNetDir();

        LinuxIdentity identity = new LinuxIdentity(config("", ""));

        assertThat(identity.uid()).isEqualTo("3281355014145");
        assertThat(identity.hardware()).isEqualTo("Linux");
        assertThat(identity.modelId()).isEmpty();
    }

    @Test
    void givenConfiguredUid_thenItWinsOverTheMac() {
        vmNetDir();

        assertThat(new LinuxIdentity(config(" 202481587074134 ", "")).uid()).isEqualTo("202481587074134");
    }

    @Test
    void givenConfiguredUidAndNoInterface_thenActivates() {
        assertThat(new LinuxIdentity(config("AAA0000DEADBEEF", "")).uid()).isEqualTo("AAA0000DEADBEEF");
    }

    @Test
    void givenNoUsableInterfaceAndNoUid_whenActivated_thenFailsSayingToSetUid() {
        new NetDir(root).virtual("lo", "00:00:00:00:00:00", 1, "unknown");

        assertThatThrownBy(() -> new LinuxIdentity(config("", "")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set uid in configuration trin.hw.linux");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2795", " 2795 "})
    void givenNumericModelId_thenThatModelId(String modelId) {
        assertThat(new LinuxIdentity(config("1", modelId)).modelId()).hasValue(2795);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "27a5", "-5", "2795.0", "99999999999"})
    void givenNonNumericModelId_thenNoneAndAWarningNamingTheAttribute(String modelId) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        LinuxIdentity identity;
        try {
            identity = new LinuxIdentity(config("1", modelId));
        } finally {
            System.setErr(err);
        }

        assertThat(identity.modelId()).isEmpty();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("WARN").contains("modelId").contains(modelId);
    }

    @Test
    void givenMarkerScriptAsRebootCommand_whenRebooted_thenScriptRan() throws IOException {
        Path script = Files.writeString(root.resolve("reboot.sh"), "touch \"$1\"\n");
        Path marker = root.resolve("rebooted");

        new LinuxIdentity(config("1", "", root, "/bin/sh " + script + " " + marker)).reboot();

        assertThat(marker).exists();
    }

    @Test
    void givenThisMachine_whenActivatedTwiceWithDefaults_thenSameDecimalUid() {
        assumeTrue(Files.isDirectory(Path.of("/sys/class/net")), "no /sys/class/net here");

        String first = new LinuxIdentity(config("", "", Path.of("/sys/class/net"), "/sbin/reboot")).uid();
        String second = new LinuxIdentity(config("", "", Path.of("/sys/class/net"), "/sbin/reboot")).uid();

        assertThat(first).matches("[1-9][0-9]*").isEqualTo(second);
    }

    private void vmNetDir() {
        new NetDir(root).virtual("lo", "00:00:00:00:00:00", 1, "unknown")
                .virtual("ifb0", "aa:25:f4:4a:0a:7b", 2, "down")
                .virtual("ifb1", "92:51:7e:4f:b7:bb", 3, "down")
                .physical("eth0", "02:fc:00:00:00:01", 4, "up");
    }

    private LinuxIdentityConfiguration config(String uid, String modelId) {
        return config(uid, modelId, root, "/sbin/reboot");
    }

    static LinuxIdentityConfiguration config(String uid, String modelId, Path netDir, String rebootCommand) {
        return new LinuxIdentityConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LinuxIdentityConfiguration.class;
            }

            @Override
            public String uid() {
                return uid;
            }

            @Override
            public String modelId() {
                return modelId;
            }

            @Override
            public String netDir() {
                return netDir.toString();
            }

            @Override
            public String rebootCommand() {
                return rebootCommand;
            }
        };
    }
}
