package trin.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import trin.api.device.Credentials;
import trin.devbroker.SmartPassword;

/**
 * Credentials computed like a device's from a key held in memory, with the
 * Smart password of the development broker: for tests and the load driver's
 * sessions. trin.crypto's own implementation is tested in its bundle and,
 * wired to the client, in the OSGi integration tests.
 */
public final class KeyCredentials implements Credentials {

    private final String cid;
    private final byte[] key;
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private long lastSalt;

    public KeyCredentials(String cid, byte[] key) {
        this.cid = cid;
        this.key = key.clone();
    }

    @Override
    public boolean provisioned() {
        return true;
    }

    @Override
    public String cid() {
        return cid;
    }

    @Override
    public String username(String uid) {
        return cid + uid;
    }

    /** A fresh password for every call: the salt is the second, and never the same twice. */
    @Override
    public synchronized char[] password() {
        long salt = Math.max(System.currentTimeMillis() / 1000, lastSalt + 1);
        lastSalt = salt;
        String password = SmartPassword.compute(key, salt);
        issued.add(password);
        return password.toCharArray();
    }

    /** Every password handed out so far, in order: what went over the wire. */
    public List<String> issued() {
        return List.copyOf(issued);
    }
}
