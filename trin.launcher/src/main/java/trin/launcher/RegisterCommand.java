package trin.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * {@code bin/trin register <username> [customerId]}: provisions the device
 * without a running runtime, as systemd-run gateways have no shell.
 *
 * <p>It starts the framework headless, with a cache of its own and only the
 * bundles registration needs (trin.crypto and the hardware bundles, with
 * {@code conf/}), and runs {@code trin:register} there: the UID is computed
 * exactly as the runtime computes it, and the key is written by the same
 * code. The password is asked without echo on the terminal, never taken as
 * an argument.
 */
final class RegisterCommand {

    private static final Set<String> BUNDLES = Set.of("trin.crypto", "trin.hw.linux", "trin.hw.raspberrypi");
    private static final String COMMAND_FILTER = "(&(osgi.command.scope=trin)(osgi.command.function=register))";
    private static final long WAIT_MILLIS = 20_000;

    private final Home home;
    private final PrintStream out;

    RegisterCommand(Home home, PrintStream out) {
        this.home = home;
        this.out = out;
    }

    int run(List<String> args) throws IOException, InterruptedException {
        if (args.isEmpty() || args.size() > 2) {
            throw new LauncherException("Usage: " + home.script() + " register <username> [customerId]");
        }
        if (System.console() == null) {
            throw new LauncherException("register asks for your Smart password on the terminal, without echo: run it "
                    + "in a terminal (the password is never taken as an argument).");
        }
        Setup setup = Setup.read(home);
        if (setup.keyLocal()) {
            throw new LauncherException("conf/" + Setup.CRYPTO_CFG + " names the LOCAL development key directory ("
                    + home.localKeyDir() + "): a registration would put the platform's key there. Point conf/ at "
                    + "the Smart platform first: cp " + home.conf("platform") + "/*.cfg " + home.conf()
                    + "/ (see the README).");
        }
        checkWritable(setup.keyDir());
        Path storage = Files.createTempDirectory(home.prepareRun(), "register-");
        OsgiRuntime runtime = OsgiRuntime.start(home, storage, false, false, BUNDLES::contains);
        try {
            awaitCommand(runtime.context());
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("username", args.get(0));
            String command = "trin:register $username";
            if (args.size() == 2) {
                variables.put("customer", args.get(1));
                command += " $customer";
            }
            out.println(Gogo.execute(runtime.context(), command, variables, System.in, out, System.err));
            return 0;
        } finally {
            runtime.stop(30_000);
            delete(storage);
            Files.deleteIfExists(BundleSync.checksumFile(storage));
        }
    }

    /** Before the platform is asked: a key it hands out that cannot be stored would be lost. */
    private void checkWritable(Path keyDir) {
        try {
            Files.createDirectories(keyDir);
        } catch (IOException e) {
            // fall through to the check below
        }
        if (!Files.isDirectory(keyDir) || !Files.isWritable(keyDir)) {
            String user = System.getProperty("user.name");
            throw new LauncherException("The key directory " + keyDir + " (keyDir in conf/" + Setup.CRYPTO_CFG
                    + ") cannot be written by " + user + ". Create it for that user first, e.g.: sudo install -d -o "
                    + user + " -m 0755 " + keyDir);
        }
    }

    private void awaitCommand(BundleContext context) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        try {
            while (System.currentTimeMillis() < deadline) {
                ServiceReference<?>[] found = context.getServiceReferences((String) null, COMMAND_FILTER);
                if (found != null) {
                    return;
                }
                Thread.sleep(100);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder states = new StringBuilder();
        for (Bundle bundle : context.getBundles()) {
            if (BUNDLES.contains(bundle.getSymbolicName()) || "trin.api".equals(bundle.getSymbolicName())) {
                states.append(' ').append(bundle.getSymbolicName()).append('=').append(state(bundle));
            }
        }
        throw new LauncherException("The registration command did not come up within " + WAIT_MILLIS / 1000
                + " s: it needs the device's identity (trin.hw.*) and trin.crypto. Bundles:" + states
                + ". See the messages above.");
    }

    private static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed (not resolved)";
            default -> Integer.toString(bundle.getState());
        };
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a scratch directory under data/run: harmless if left
        }
    }
}
