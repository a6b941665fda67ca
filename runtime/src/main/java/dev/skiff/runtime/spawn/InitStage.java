package dev.skiff.runtime.spawn;

/** Where skiff-init failed; the numbers are the ones src/main/c/skiff-init.c writes to its report fd. */
public enum InitStage {
    MOUNT_PROC(1), PIVOT_ROOT(2), MAKE_CWD(3), CHDIR_CWD(4), CGROUP(5), CAPABILITIES(6), CREDENTIALS(7), EXEC(8),
    MASK_PATHS(9);

    private final int code;

    InitStage(int code) {
        this.code = code;
    }

    public static InitStage of(int code) {
        for (InitStage s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown init stage " + code);
    }
}
