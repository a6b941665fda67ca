package dev.skiff.runtime.spawn;

import dev.skiff.runtime.linux.LibC;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;
import jnr.ffi.Pointer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One posix_spawn call prepared in native memory: program path, argv, envp, file actions and the
 * attributes every container process needs (a new session, an empty signal mask and every signal at
 * its default disposition, since the JVM blocks some and glibc ignores its internal ones).
 *
 * <p>Built on a host thread; {@link #spawn()} and the file-action methods allocate no Java-managed native
 * memory, so they may run on a namespace thread. {@link #close()} frees the glibc side.
 */
public final class SpawnPlan implements AutoCloseable {
    /** Bytes reserved for an argument that is only known on the spawning thread. */
    static final int LATE_ARGUMENT_CAPACITY = 4096;
    private static final int FILE_ACTIONS_SIZE = 80;
    private static final int SPAWNATTR_SIZE = 336;
    private static final int SIGSET_SIZE = 128;

    private final Native nat = Native.get();
    private final LibC libc = nat.libc();
    private final Pointer pid = nat.allocate(4);
    private final Pointer program;
    private final Pointer lateArgument = nat.allocate(LATE_ARGUMENT_CAPACITY + 1);
    private final Pointer fileActions = nat.allocate(FILE_ACTIONS_SIZE);
    private final Pointer attr = nat.allocate(SPAWNATTR_SIZE);
    private final Pointer emptySet = nat.allocate(SIGSET_SIZE);
    private final Pointer allSignals = nat.allocate(SIGSET_SIZE);
    private final Pointer argv;
    private final Pointer envp;
    /** Keeps the strings argv and envp point to alive. */
    private final List<Pointer> strings = new ArrayList<>();

    /**
     * @param program the file to execute
     * @param argv    its argv; a null element stands for the value given later to {@link #setLateArgument}
     * @param env     NAME=value entries
     */
    public SpawnPlan(String program, List<String> argv, List<String> env) throws LinuxException {
        this.program = nat.cString(program);
        this.argv = stringArray(argv);
        this.envp = stringArray(env);
        nat.check(-libc.posix_spawn_file_actions_init(fileActions), "posix_spawn_file_actions_init");
        nat.check(-libc.posix_spawnattr_init(attr), "posix_spawnattr_init");
        // all 64 bits directly: sigaddset refuses glibc's internal signals 32 and 33
        allSignals.putLong(0, -1L);
        nat.check(-libc.posix_spawnattr_setsigmask(attr, emptySet), "posix_spawnattr_setsigmask");
        nat.check(-libc.posix_spawnattr_setsigdefault(attr, allSignals), "posix_spawnattr_setsigdefault");
        nat.check(-libc.posix_spawnattr_setflags(attr, (short) (Linux.POSIX_SPAWN_SETSIGMASK
                | Linux.POSIX_SPAWN_SETSIGDEF | Linux.POSIX_SPAWN_SETSID)), "posix_spawnattr_setflags");
    }

    private Pointer stringArray(List<String> values) {
        Pointer array = nat.allocate(8 * (values.size() + 1));
        for (int i = 0; i < values.size(); i++) {
            Pointer s = values.get(i) == null ? lateArgument : nat.cString(values.get(i));
            strings.add(s);
            array.putAddress(8L * i, s.address());
        }
        return array;
    }

    /** Fills in the argv element(s) given as null; returns false when the value does not fit. */
    public boolean setLateArgument(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > LATE_ARGUMENT_CAPACITY) {
            return false;
        }
        lateArgument.put(0, bytes, 0, bytes.length);
        lateArgument.putByte(bytes.length, (byte) 0);
        return true;
    }

    /** The following file actions return an errno (0 on success), as glibc's do. */
    public int dup2(int fd, int target) {
        return libc.posix_spawn_file_actions_adddup2(fileActions, fd, target);
    }

    public int open(int target, String file, int flags) {
        return libc.posix_spawn_file_actions_addopen(fileActions, target, file, flags, 0);
    }

    public int closeFrom(int lowest) {
        return libc.posix_spawn_file_actions_addclosefrom_np(fileActions, lowest);
    }

    public int chdir(String dir) {
        return libc.posix_spawn_file_actions_addchdir_np(fileActions, dir);
    }

    /** Spawns; returns the child's pid, or -errno. */
    public int spawn() {
        int rc = libc.posix_spawn(pid, program, fileActions, attr, argv, envp);
        return rc == 0 ? pid.getInt(0) : -rc;
    }

    @Override
    public void close() {
        libc.posix_spawn_file_actions_destroy(fileActions);
        libc.posix_spawnattr_destroy(attr);
    }
}
