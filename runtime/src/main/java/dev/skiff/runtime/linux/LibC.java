package dev.skiff.runtime.linux;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The glibc functions the runtime calls. Rules that keep jnr-ffi safe here: at most five primitive
 * arguments per binding (a sixth all-primitive argument arrives as garbage), and credentials only via
 * {@link #syscall} (glibc's setresuid/setresgid/setgroups apply to every thread of the JVM).
 */
@SaveError
public interface LibC {
    // namespaces and hostnames
    int unshare(int flags);

    int setns(int fd, int nstype);

    int sethostname(@In byte[] name, long len);

    int setdomainname(@In byte[] name, long len);

    // mounts and files
    int mount(String source, String target, String fstype, long flags, String data);

    int umount2(String target, int flags);

    int mknodat(int dirfd, String path, int mode, long dev);

    int symlinkat(String target, int dirfd, String linkpath);

    int mkdirat(int dirfd, String path, int mode);

    int openat(int dirfd, String path, int flags, int mode);

    int fstat(int fd, @Out byte[] statBuffer);

    int close(int fd);

    int syncfs(int fd);

    int umask(int mask);

    int memfd_create(String name, int flags);

    int fcntl(int fd, int cmd, int arg);

    int pipe2(@Out int[] fds, int flags);

    long read(int fd, @Out byte[] buf, long count);

    long write(int fd, @In byte[] buf, long count);

    int fchown(int fd, int owner, int group);

    int fchmod(int fd, int mode);

    /** {@code times}: atime and mtime as struct timespec[2], {seconds, nanoseconds} each. */
    int futimens(int fd, @In long[] times);

    int fchownat(int dirfd, String path, int owner, int group, int flags);

    int fchmodat(int dirfd, String path, int mode, int flags);

    /** {@code times} as for {@link #futimens}. */
    int utimensat(int dirfd, String path, @In long[] times, int flags);

    int ioctl(int fd, long request, Pointer arg);

    int eventfd(int initval, int flags);

    int socket(int domain, int type, int protocol);

    // process control
    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    int waitid(int idtype, int id, Pointer info, int options);

    int epoll_create1(int flags);

    int epoll_ctl(int epfd, int op, int fd, Pointer event);

    int epoll_wait(int epfd, Pointer events, int maxevents, int timeout);

    // posix_spawn
    int posix_spawn(Pointer pid, Pointer path, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int oflag, int mode);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newfd);

    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

    int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

    int posix_spawnattr_init(Pointer attr);

    int posix_spawnattr_destroy(Pointer attr);

    int posix_spawnattr_setflags(Pointer attr, short flags);

    int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

    int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

    // raw system calls (variadic in C; integer arguments travel in the same registers)
    long syscall(long number);

    long syscall(long number, long a1, long a2);

    long syscall(long number, long a1, long a2, long a3);

    long syscall(long number, long a1, Pointer a2);

    long syscall(long number, Pointer a1, Pointer a2);

    long syscall(long number, long a1, long a2, Pointer a3, long a4);

    long syscall(long number, long a1, String a2, Pointer a3, long a4);
}
