package trin.crypto.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import trin.api.device.DeviceIdentity;
import trin.api.device.Registrar;
import trin.api.device.Registration;
import trin.api.device.RegistrationException;

/** Registers this device, as the highest-ranked {@link DeviceIdentity} describes it. */
@Component(service = Registrar.class, name = "trin.crypto.registrar", configurationPid = FileCredentials.PID)
public final class SmartRegistrar implements Registrar {

    private final DeviceIdentity identity;
    private final RegistrationClient client;

    @Activate
    public SmartRegistrar(CryptoConfiguration config,
            @Reference(name = "identity", policyOption = ReferencePolicyOption.GREEDY) DeviceIdentity identity) {
        this.identity = identity;
        this.client = new RegistrationClient(config.registrationUrl(), Path.of(config.keyDir()),
                Duration.ofSeconds(Math.max(1, config.registrationTimeout())));
    }

    @Override
    public Registration register(String username, char[] password, Optional<String> customerId)
            throws RegistrationException {
        return client.register(identity.uid(), identity.modelId(), username, password, customerId);
    }
}
