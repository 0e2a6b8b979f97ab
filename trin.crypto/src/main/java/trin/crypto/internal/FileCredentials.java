package trin.crypto.internal;

import java.io.File;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

import trin.api.device.Credentials;
import trin.api.device.NotProvisionedException;

/** The credentials in the key directory, read on every use. */
@Component(service = Credentials.class, name = "trin.crypto.credentials", configurationPid = FileCredentials.PID)
@Designate(ocd = CryptoConfiguration.class)
public final class FileCredentials implements Credentials {

    static final String PID = "trin.crypto";

    // Shared by every instance, so a reconfigured component never reuses a salt.
    private static final SaltSequence SALTS = SaltSequence.systemClock();

    private final KeyFiles files;
    private final SaltSequence salts;

    @Activate
    public FileCredentials(CryptoConfiguration config, BundleContext context) {
        this(new KeyFiles(Path.of(config.keyDir())), SALTS);
        // The bundle's data area outlives its class loader: an update must not start the salts over.
        File data = context == null ? null : context.getDataFile("last-salt");
        SALTS.keepIn(data == null ? null : data.toPath());
    }

    FileCredentials(KeyFiles files, SaltSequence salts) {
        this.files = files;
        this.salts = salts;
    }

    @Override
    public boolean provisioned() {
        try {
            files.key();
            files.cid();
            return true;
        } catch (NotProvisionedException e) {
            return false;
        }
    }

    @Override
    public String cid() throws NotProvisionedException {
        return files.cid();
    }

    @Override
    public String username(String uid) throws NotProvisionedException {
        return files.cid() + uid;
    }

    @Override
    public char[] password() throws NotProvisionedException {
        return PasswordHash.compute(files.key(), salts.next());
    }
}
