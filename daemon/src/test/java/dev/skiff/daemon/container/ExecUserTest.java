package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExecUserTest {
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\n"
            + "daemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
            + "www:x:33:33:www-data:/var/www:/bin/false\n";
    private static final String GROUP = "root:x:0:\nstaff:x:50:www,daemon\nweb:x:33:\nadm:x:4:www\n";

    @Test
    void emptyIsRootWithItsHome() {
        assertEquals(new ExecUser(0, 0, List.of(0), "/root"), ExecUser.resolve("", PASSWD, GROUP));
    }

    @Test
    void namesResolveWithSupplementaryGroups() {
        assertEquals(new ExecUser(33, 33, List.of(33, 50, 4), "/var/www"), ExecUser.resolve("www", PASSWD, GROUP));
        assertEquals(new ExecUser(33, 50, List.of(50), "/var/www"), ExecUser.resolve("www:staff", PASSWD, GROUP));
    }

    @Test
    void unknownNumericUidsAreFineAsInRunUser() {
        // docker run --user 1000 busybox id: uid=1000 gid=0(root)
        assertEquals(new ExecUser(1000, 0, List.of(0), "/"), ExecUser.resolve("1000", PASSWD, GROUP));
        assertEquals(new ExecUser(1000, 7, List.of(7), "/"), ExecUser.resolve("1000:7", null, null));
        assertEquals(new ExecUser(1, 1, List.of(1, 50), "/usr/sbin"), ExecUser.resolve("1", PASSWD, GROUP));
    }

    @Test
    void unknownNamesAreRuncsErrors() {
        assertEquals("unable to find user nobody: no matching entries in passwd file",
                assertThrows(EngineException.class, () -> ExecUser.resolve("nobody", PASSWD, GROUP)).getMessage());
        assertEquals("unable to find group wheel: no matching entries in group file",
                assertThrows(EngineException.class, () -> ExecUser.resolve("root:wheel", PASSWD, GROUP)).getMessage());
    }
}
