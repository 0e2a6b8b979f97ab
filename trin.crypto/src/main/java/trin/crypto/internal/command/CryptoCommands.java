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

/**
 * Shell commands {@code trin:register}, {@code trin:cid} and {@code trin:uid}.
 *
 * <p>Each has an overload taking any arguments, which Gogo picks only when no other fits (its
 * coercion prefers exact matches): it returns the command's usage instead of Gogo's "Cannot
 * coerce" error. It never repeats the arguments given (one of them could be a password typed in
 * the wrong place).
 */
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

    static final String REGISTER_USAGE = "Usage: trin:register <username> [customerId]\n"
            + "  registers this device with the Smart platform (for your own customer, or customerId); asks for your "
            + "Smart password without echo: never type it on the command line";
    static final String CID_USAGE = "Usage: trin:cid\n  shows the customer id this device is registered for; no arguments";
    static final String UID_USAGE = "Usage: trin:uid\n  shows this device's UID; no arguments";

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

    @Descriptor("with other arguments: how to use trin:register")
    public String register(@Descriptor("arguments that do not fit") Object... arguments) {
        return REGISTER_USAGE;
    }

    @Descriptor("the customer id (PROFILE_ID) this device is registered for")
    public String cid() {
        try {
            return credentials.cid();
        } catch (NotProvisionedException e) {
            return e.getMessage();
        }
    }

    @Descriptor("with arguments: how to use trin:cid")
    public String cid(@Descriptor("arguments it does not take") Object... arguments) {
        return CID_USAGE;
    }

    @Descriptor("this device's UID (Device Unique ID)")
    public String uid() {
        return identity.uid();
    }

    @Descriptor("with arguments: how to use trin:uid")
    public String uid(@Descriptor("arguments it does not take") Object... arguments) {
        return UID_USAGE;
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
