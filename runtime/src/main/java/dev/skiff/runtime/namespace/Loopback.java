package dev.skiff.runtime.namespace;

import dev.skiff.runtime.linux.LibC;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;
import jnr.ffi.Pointer;

/**
 * Brings up {@code lo} in the calling thread's network namespace, as every docker container has it.
 * The ifreq buffer is allocated at construction ({@link #up} runs on a namespace thread).
 */
public final class Loopback {
    private static final int IFREQ_SIZE = 40;
    private static final int IFR_FLAGS_OFFSET = 16;

    private final Native nat = Native.get();
    private final LibC libc = nat.libc();
    private final Pointer ifreq = nat.allocate(IFREQ_SIZE);

    public Loopback() {
        ifreq.put(0, new byte[] {'l', 'o', 0}, 0, 3);
    }

    public void up() throws LinuxException {
        int sock = nat.check(libc.socket(Linux.AF_INET, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0), "socket");
        try {
            nat.check(libc.ioctl(sock, Linux.SIOCGIFFLAGS, ifreq), "get flags of lo");
            ifreq.putShort(IFR_FLAGS_OFFSET, (short) (ifreq.getShort(IFR_FLAGS_OFFSET) | Linux.IFF_UP));
            nat.check(libc.ioctl(sock, Linux.SIOCSIFFLAGS, ifreq), "bring lo up");
        } finally {
            libc.close(sock);
        }
    }
}
