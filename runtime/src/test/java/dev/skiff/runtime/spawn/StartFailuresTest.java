package dev.skiff.runtime.spawn;

import dev.skiff.runtime.ProcessStartException.Reason;
import dev.skiff.runtime.linux.Errno;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StartFailuresTest {
    @Test
    void exitCodesFollowDockerd() {
        assertEquals(127, StartFailures.exitCode("exec: \"x\": executable file not found in $PATH"));
        assertEquals(127, StartFailures.exitCode("exec: \"/x\": stat /x: no such file or directory"));
        assertEquals(126, StartFailures.exitCode("exec: \"/etc/passwd\": permission denied"));
        assertEquals(128, StartFailures.exitCode("pivot_root: invalid argument"));
    }

    @Test
    void initFailuresCarryRuncsTexts() {
        var cwd = StartFailures.fromInit(InitStage.CHDIR_CWD, Errno.ENOTDIR, "/etc/passwd", "sh");
        assertEquals("chdir to cwd (\"/etc/passwd\") set in config.json failed: not a directory", cwd.getMessage());
        assertEquals(Reason.BAD_WORKING_DIRECTORY, cwd.reason());
        var exec = StartFailures.fromInit(InitStage.EXEC, Errno.ENOEXEC, "/", "/bin/script");
        assertEquals("exec /bin/script: exec format error", exec.getMessage());
        assertEquals(Reason.NOT_EXECUTABLE, exec.reason());
        assertEquals(128, exec.exitCode());
    }

    @Test
    void execErrnosMapToReasons() {
        assertEquals(Reason.EXECUTABLE_NOT_FOUND, StartFailures.execReason(Errno.ENOENT));
        assertEquals(Reason.NOT_EXECUTABLE, StartFailures.execReason(Errno.ENOEXEC));
        assertEquals(Reason.SYSTEM, StartFailures.execReason(Errno.EAGAIN));
    }

    @Test
    void stageNumbersMatchTheInitProgram() {
        assertEquals(InitStage.MOUNT_PROC, InitStage.of(1));
        assertEquals(InitStage.EXEC, InitStage.of(8));
    }
}
