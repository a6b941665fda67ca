package dev.skiff.runtime.process;

import java.util.List;

/** Capability sets as 64-bit masks (bit n = capability n). */
public final class Capabilities {
    private Capabilities() {
    }

    public static final int CAP_CHOWN = 0;
    public static final int CAP_DAC_OVERRIDE = 1;
    public static final int CAP_FOWNER = 3;
    public static final int CAP_FSETID = 4;
    public static final int CAP_KILL = 5;
    public static final int CAP_SETGID = 6;
    public static final int CAP_SETUID = 7;
    public static final int CAP_SETPCAP = 8;
    public static final int CAP_NET_BIND_SERVICE = 10;
    public static final int CAP_NET_RAW = 13;
    public static final int CAP_SYS_CHROOT = 18;
    public static final int CAP_SYS_ADMIN = 21;
    public static final int CAP_MKNOD = 27;
    public static final int CAP_AUDIT_WRITE = 29;
    public static final int CAP_SETFCAP = 31;

    /** The capabilities docker grants a container that asks for nothing else. */
    public static final List<Integer> DOCKER_DEFAULT = List.of(CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FSETID,
            CAP_FOWNER, CAP_MKNOD, CAP_NET_RAW, CAP_SETGID, CAP_SETUID, CAP_SETFCAP, CAP_SETPCAP,
            CAP_NET_BIND_SERVICE, CAP_SYS_CHROOT, CAP_KILL, CAP_AUDIT_WRITE);

    /**
     * The default set for a container; without a devices cgroup CAP_MKNOD is left out, since a node made
     * for a host disk could then be opened.
     */
    public static long containerDefault(boolean devicesControlled) {
        long mask = mask(DOCKER_DEFAULT);
        return devicesControlled ? mask : mask & ~(1L << CAP_MKNOD);
    }

    public static long mask(List<Integer> capabilities) {
        long mask = 0;
        for (int cap : capabilities) {
            if (cap < 0 || cap > 63) {
                throw new IllegalArgumentException("capability out of range: " + cap);
            }
            mask |= 1L << cap;
        }
        return mask;
    }

    /** The mask as the init program takes it (hex, no prefix). */
    public static String hex(long mask) {
        return Long.toHexString(mask);
    }
}
