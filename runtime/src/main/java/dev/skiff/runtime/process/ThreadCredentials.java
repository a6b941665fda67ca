package dev.skiff.runtime.process;

import dev.skiff.runtime.linux.Errno;
import dev.skiff.runtime.linux.LibC;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.Native;
import jnr.ffi.Pointer;

import java.util.List;

/**
 * Switches the CALLING THREAD (not the JVM) to a container user: capability bounding set, groups, gid,
 * uid and capabilities, all by raw system calls; glibc's wrappers would apply them to every thread.
 * A process the thread spawns afterwards inherits exactly these credentials.
 *
 * <p>Buffers are allocated at construction so a namespace thread can apply them.
 */
public final class ThreadCredentials {
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    private static final int LAST_CAP = 63;

    private final Native nat = Native.get();
    private final LibC libc = nat.libc();
    private final int uid;
    private final int gid;
    private final int groupCount;
    private final Pointer groups;
    private final Pointer capHeader;
    private final Pointer capData;
    private final long capabilities;

    public ThreadCredentials(int uid, int gid, List<Integer> additionalGids, long capabilities) {
        this.uid = uid;
        this.gid = gid;
        this.capabilities = capabilities;
        this.groupCount = additionalGids.size();
        this.groups = nat.allocate(Math.max(4, 4 * groupCount));
        for (int i = 0; i < groupCount; i++) {
            groups.putInt(4L * i, additionalGids.get(i));
        }
        this.capHeader = nat.allocate(8);
        this.capData = nat.allocate(24);
        capHeader.putInt(0, LINUX_CAPABILITY_VERSION_3);
        // uid 0 keeps the granted set; setresuid to any other uid clears every capability by itself
        long effective = uid == 0 ? capabilities : 0;
        capData.putInt(0, (int) effective);          // effective, low word
        capData.putInt(4, (int) effective);          // permitted
        capData.putInt(12, (int) (effective >>> 32)); // effective, high word
        capData.putInt(16, (int) (effective >>> 32)); // permitted
    }

    /**
     * Applies everything to the calling thread. Call it last: the thread loses its privileges. Returns 0
     * or the errno of the first failure; it creates no objects, so it is safe after the thread has
     * entered another mount namespace (where class loading no longer works).
     */
    public int apply() {
        // the bounding set drop needs CAP_SETPCAP, so it happens while still root; capabilities are
        // numbered without gaps, so the first one the kernel does not know (EINVAL) ends the list
        for (int cap = 0; cap <= LAST_CAP; cap++) {
            if ((capabilities & (1L << cap)) == 0 && libc.prctl(Linux.PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) {
                int errno = nat.errno();
                if (errno == Errno.EINVAL) {
                    break;
                }
                return errno;
            }
        }
        if (libc.syscall(Linux.SYS_SETGROUPS, groupCount, groups) < 0
                || libc.syscall(Linux.SYS_SETRESGID, gid, gid, gid) < 0
                || libc.syscall(Linux.SYS_SETRESUID, uid, uid, uid) < 0
                || uid == 0 && libc.syscall(Linux.SYS_CAPSET, capHeader, capData) < 0) {
            return nat.errno();
        }
        return 0;
    }
}
