package trin.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.api.device.Registration;
import trin.api.device.RegistrationException;

class SmartRegistrarTest {

    @TempDir
    Path keyDir;

    @Test
    void givenTheComponentsConfiguration_whenRegistering_thenTheIdentitysUidAndModelAreSentAndTheKeyIsUsable()
            throws Exception {
        try (FakePlatform platform = new FakePlatform()) {
            platform.answersSuccess("C7", "123456789012345", "c0ffee", "Registered.");
            CryptoConfiguration config = TestConfig.of(keyDir, platform.url(), 5);
            SmartRegistrar registrar = new SmartRegistrar(config,
                    new TestIdentity("123456789012345", OptionalInt.of(31)));

            Registration registration = registrar.register("bob", "pw".toCharArray(), Optional.empty());

            assertThat(registration.describe()).isEqualTo(
                    "Done.\nYour PROFILE_ID is: C7\nYour UID(Device Unique ID) is: 123456789012345\nRegistered.");
            FakePlatform.Request request = platform.request();
            assertThat(request.path()).isEqualTo(FakePlatform.PATH + "123456789012345/");
            assertThat(request.body()).isEqualTo("{\"model_id\":31}");
            FileCredentials credentials = new FileCredentials(config, null);
            assertThat(credentials.username("123456789012345")).isEqualTo("C7123456789012345");
            assertThat(credentials.password()).hasSize(32);
        }
    }

    @Test
    void givenALinuxBoxWithoutModelId_whenRegistering_thenItSaysWhereToSetIt() {
        SmartRegistrar registrar = new SmartRegistrar(TestConfig.of(keyDir, "http://127.0.0.1:9/", 1),
                new TestIdentity("202481587074134", OptionalInt.empty()));

        assertThatExceptionOfType(RegistrationException.class)
                .isThrownBy(() -> registrar.register("bob", "pw".toCharArray(), Optional.empty()))
                .withMessageContaining("modelId")
                .withMessageContaining("trin.hw.linux");
    }
}
