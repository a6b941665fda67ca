package dev.skiff.runtime.process;

import dev.skiff.runtime.ExitStatus;

/** Decodes the si_code/si_status pair waitid reports for a child that ended. */
public final class WaitStatus {
    static final int CLD_EXITED = 1;
    static final int CLD_KILLED = 2;
    static final int CLD_DUMPED = 3;

    private WaitStatus() {
    }

    public static ExitStatus fromSiginfo(int siCode, int siStatus) {
        return switch (siCode) {
            case CLD_EXITED -> ExitStatus.exited(siStatus);
            case CLD_KILLED, CLD_DUMPED -> ExitStatus.killed(siStatus);
            default -> throw new IllegalArgumentException("not a termination: si_code " + siCode);
        };
    }
}
