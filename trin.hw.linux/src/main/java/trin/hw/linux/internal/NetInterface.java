package trin.hw.linux.internal;

import java.util.Comparator;

/** A network interface as far as choosing the one whose MAC is the UID goes. */
record NetInterface(String name, MacAddress mac, int ifindex, boolean up, boolean physical) {

    /**
     * Best first: physical before virtual, universally before locally
     * administered MAC, up before down, lowest interface index, then name.
     */
    static final Comparator<NetInterface> PREFERENCE = Comparator
            .comparing((NetInterface i) -> !i.physical())
            .thenComparing(i -> i.mac().isLocallyAdministered())
            .thenComparing(i -> !i.up())
            .thenComparingInt(NetInterface::ifindex)
            .thenComparing(NetInterface::name);
}
