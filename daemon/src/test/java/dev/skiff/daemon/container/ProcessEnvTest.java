package dev.skiff.daemon.container;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcessEnvTest {
    @Test
    void matchesWhatRunEPrintedUnderDockerd() {
        // docker run -e FOO=bar -e FROMCLI -e UNSETVAR busybox env (run-e.txt)
        List<String> config = List.of("FOO=bar", "FROMCLI=yes", "UNSETVAR",
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                        "HOSTNAME=e4e6c5dd3c2f", "FOO=bar", "FROMCLI=yes", "HOME=/root"),
                ProcessEnv.build(config, "e4e6c5dd3c2f", false, "/root"));
    }

    @Test
    void ttyAddsTermAndAnExplicitHomeWins() {
        assertEquals(List.of(ProcessEnv.DEFAULT_PATH, "HOSTNAME=h", "TERM=xterm", "HOME=/data"),
                ProcessEnv.build(List.of("HOME=/data"), "h", true, "/root"));
        assertEquals(List.of("HOSTNAME=h", "HOME=/"), ProcessEnv.build(List.of("PATH"), "h", false, "/"));
    }
}
