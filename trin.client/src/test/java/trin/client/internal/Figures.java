package trin.client.internal;

import java.lang.management.ManagementFactory;

/** Prints a scenario's figures on stdout as {@code [figures] ...} lines; figures are printed, never asserted. */
final class Figures {

    private Figures() {
    }

    static void print(String scenario, String format, Object... args) {
        System.out.println("[figures] " + scenario + ": " + String.format(format, args));
    }

    /** Heap in use after a full collection, in KiB. */
    static long heapAfterGcKiB() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
    }

    static int threads() {
        return Thread.activeCount();
    }
}
