package dev.skiff.runtime.linux;

/** Linux x86_64 constants the runtime uses (values from the kernel and glibc headers). */
public final class Linux {
    private Linux() {
    }

    // clone/unshare/setns flags
    public static final int CLONE_FS = 0x00000200;
    public static final int CLONE_NEWNS = 0x00020000;
    public static final int CLONE_NEWCGROUP = 0x02000000;
    public static final int CLONE_NEWUTS = 0x04000000;
    public static final int CLONE_NEWIPC = 0x08000000;
    public static final int CLONE_NEWPID = 0x20000000;
    public static final int CLONE_NEWNET = 0x40000000;

    // mount flags
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_REMOUNT = 32;
    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final long MS_PRIVATE = 1 << 18;
    public static final long MS_STRICTATIME = 1 << 24;
    public static final int MNT_DETACH = 2;
    public static final int UMOUNT_NOFOLLOW = 8;

    // open flags
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;
    public static final int AT_FDCWD = -100;
    public static final int AT_EMPTY_PATH = 0x1000;

    /** tv_nsec of a timespec that leaves that time as it is (utimensat). */
    public static final long UTIME_OMIT = (1L << 30) - 2;

    // openat2 resolve flags
    public static final long RESOLVE_NO_MAGICLINKS = 0x02;
    public static final long RESOLVE_IN_ROOT = 0x10;

    // file types (st_mode)
    public static final int S_IFMT = 0170000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFIFO = 0010000;

    // system call numbers
    public static final long SYS_GETTID = 186;
    public static final long SYS_SETGROUPS = 116;
    public static final long SYS_SETRESUID = 117;
    public static final long SYS_SETRESGID = 119;
    public static final long SYS_CAPSET = 126;
    public static final long SYS_PIDFD_SEND_SIGNAL = 424;
    public static final long SYS_PIDFD_OPEN = 434;
    public static final long SYS_OPENAT2 = 437;

    // prctl
    public static final int PR_CAPBSET_DROP = 24;

    // waitid
    public static final int P_PID = 1;
    public static final int P_PIDFD = 3;
    public static final int WEXITED = 4;
    public static final int WNOHANG = 1;

    // epoll / eventfd
    public static final int EPOLL_CLOEXEC = O_CLOEXEC;
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLLIN = 1;
    public static final int EFD_CLOEXEC = O_CLOEXEC;

    // posix_spawnattr flags
    public static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    public static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    public static final short POSIX_SPAWN_SETSID = 0x80;

    // tty ioctls
    public static final long TIOCSWINSZ = 0x5414;
    public static final long TIOCSPTLCK = 0x40045431;

    // network interface flags (lo up)
    public static final int AF_INET = 2;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_CLOEXEC = O_CLOEXEC;
    public static final long SIOCGIFFLAGS = 0x8913;
    public static final long SIOCSIFFLAGS = 0x8914;
    public static final int IFF_UP = 1;

    public static final int SIGKILL = 9;

    /** Major/minor to dev_t, as glibc's makedev. */
    public static long makedev(int major, int minor) {
        return ((long) (major & 0xfffff000) << 32) | ((major & 0xfff) << 8)
                | ((long) (minor & 0xffffff00) << 12) | (minor & 0xff);
    }
}
