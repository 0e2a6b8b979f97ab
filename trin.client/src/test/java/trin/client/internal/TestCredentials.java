package trin.client.internal;

import trin.api.device.Credentials;
import trin.devbroker.SmartPassword;

/**
 * Credentials computed like the device's, with the platform-side password of
 * the test kit; trin.crypto's own implementation is tested in its bundle and,
 * wired to this one, in the OSGi integration tests.
 */
final class TestCredentials implements Credentials {

    private final String cid;
    private final byte[] key;
    private long lastSalt;
    /** Every password handed out, in order: what went over the wire. */
    final java.util.List<String> issued = new java.util.concurrent.CopyOnWriteArrayList<>();

    TestCredentials(String cid, byte[] key) {
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

    @Override
    public synchronized char[] password() {
        long salt = Math.max(System.currentTimeMillis() / 1000, lastSalt + 1);
        lastSalt = salt;
        String password = SmartPassword.compute(key, salt);
        issued.add(password);
        return password.toCharArray();
    }
}
