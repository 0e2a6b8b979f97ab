package trin.crypto.internal.command;

import java.util.Arrays;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import trin.api.device.Credentials;
import trin.api.device.DeviceIdentity;
import trin.api.device.NotProvisionedException;
import trin.api.device.Registrar;
import trin.api.device.RegistrationException;

/** Shell commands {@code trin:register}, {@code trin:cid} and {@code trin:uid}. */
@Component(
        service = CryptoCommands.class,
        name = "trin.crypto.command",
        property = {
            "osgi.command.scope=trin",
            "osgi.command.function=register",
            "osgi.command.function=cid",
            "osgi.command.function=uid"
        })
public final class CryptoCommands {

    private final Registrar registrar;
    private final Credentials credentials;
    private final DeviceIdentity identity;
    private final PasswordPrompt prompt;

    @Activate
    public CryptoCommands(@Reference(name = "registrar") Registrar registrar,
            @Reference(name = "credentials") Credentials credentials,
            @Reference(name = "identity", policyOption = ReferencePolicyOption.GREEDY) DeviceIdentity identity) {
        this(registrar, credentials, identity, PasswordPrompt.system());
    }

    CryptoCommands(Registrar registrar, Credentials credentials, DeviceIdentity identity, PasswordPrompt prompt) {
        this.registrar = registrar;
        this.credentials = credentials;
        this.identity = identity;
        this.prompt = prompt;
    }

    @Descriptor("registers this device with the Smart platform; asks for the password")
    public String register(CommandSession session,
            @Descriptor("your Smart login") String username) throws RegistrationException {
        return register(session, username, Optional.empty());
    }

    @Descriptor("registers this device with the Smart platform for a customer; asks for the password")
    public String register(CommandSession session,
            @Descriptor("your Smart login") String username,
            @Descriptor("the customer to register the device for") String customerId) throws RegistrationException {
        return register(session, username, Optional.of(customerId));
    }

    @Descriptor("the customer id (PROFILE_ID) this device is registered for")
    public String cid() {
        try {
            return credentials.cid();
        } catch (NotProvisionedException e) {
            return e.getMessage();
        }
    }

    @Descriptor("this device's UID (Device Unique ID)")
    public String uid() {
        return identity.uid();
    }

    private String register(CommandSession session, String username, Optional<String> customerId)
            throws RegistrationException {
        char[] password = prompt.read(session, "Smart password for " + username + ": ");
        try {
            if (password.length == 0) {
                throw new RegistrationException("No password given: nothing was sent.");
            }
            return registrar.register(username, password, customerId).describe();
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
