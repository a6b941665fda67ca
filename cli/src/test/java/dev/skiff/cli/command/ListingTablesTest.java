package dev.skiff.cli.command;

import dev.skiff.cli.engine.model.ContainerSummary;
import dev.skiff.cli.engine.model.ImageSummary;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The images and ps tables, checked against recorded docker output. */
class ListingTablesTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
    private static final String BUSYBOX_ID = "sha256:e7567e706ee5f02c947f8b72373cdc62dc7083f638c1eff1f8ab1cf404e87924";

    @Test
    void imagesTableFromRecordedOutput() {
        List<ImageSummary> images = List.of(
                new ImageSummary("sha256:a533b0d3c676007c22c95a2e77612ac1eb24dd10260ad059ebe4081b5b2eabd8",
                        List.of("<none>:<none>"), List.of("<none>@<none>"), NOW.getEpochSecond(), 1_978_000),
                new ImageSummary(BUSYBOX_ID, List.of("myrepo/bb:1.0", "busybox:latest"),
                        List.of("busybox@sha256:e5ce47fd22aeb9b2db6665aa1dea406b40794c36baa3e86214f83a7e1a9707c3"),
                        NOW.getEpochSecond() - 300, 1_978_000));
        assertEquals("""
                REPOSITORY   TAG       IMAGE ID       CREATED                  SIZE
                <none>       <none>    a533b0d3c676   Less than a second ago   1.98MB
                myrepo/bb    1.0       e7567e706ee5   5 minutes ago            1.98MB
                busybox      latest    e7567e706ee5   5 minutes ago            1.98MB
                """, ImagesCommand.table(ImagesCommand.rows(images), false, NOW));
    }

    @Test
    void imageRowsForDigestOnlyAndUntaggedImages() {
        ImageSummary digestOnly = new ImageSummary(BUSYBOX_ID, null,
                List.of("localhost:5000/team/bb@sha256:e5ce47fd22aeb9b2db6665aa1dea406b40794c36baa3e86214f83a7e1a9707c3"),
                0, 0);
        ImageSummary bare = new ImageSummary(BUSYBOX_ID, List.of(), null, 0, 0);
        List<ImagesCommand.Row> rows = ImagesCommand.rows(List.of(digestOnly, bare));
        assertEquals("localhost:5000/team/bb", rows.get(0).repository());
        assertEquals("<none>", rows.get(0).tag());
        assertEquals("<none>", rows.get(1).repository());
        assertEquals(2, rows.size());
    }

    @Test
    void psTableFromRecordedOutput() {
        List<ContainerSummary> containers = List.of(
                new ContainerSummary("a69731e7df33aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", List.of("/labeled"),
                        "busybox", "sleep 1000", NOW.getEpochSecond(), "running", "Up Less than a second", null),
                new ContainerSummary("e59ca36f3343bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", List.of("/web"),
                        "busybox", "httpd -f -p 80", NOW.getEpochSecond() - 41, "running", "Up 41 seconds",
                        List.of(new ContainerSummary.Port("0.0.0.0", 80, 8080, "tcp"),
                                new ContainerSummary.Port("::", 80, 8080, "tcp"))),
                new ContainerSummary("5623f8a0ca05cccccccccccccccccccccccccccccccccccccccccccccccccccc", List.of("/runitd"),
                        "busybox", "sh", NOW.getEpochSecond() - 70, "running", "Up About a minute", List.of()));
        assertEquals("""
                CONTAINER ID   IMAGE     COMMAND            CREATED                  STATUS                  PORTS                                     NAMES
                a69731e7df33   busybox   "sleep 1000"       Less than a second ago   Up Less than a second                                             labeled
                e59ca36f3343   busybox   "httpd -f -p 80"   41 seconds ago           Up 41 seconds           0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web
                5623f8a0ca05   busybox   "sh"               About a minute ago       Up About a minute                                                 runitd
                """, PsCommand.table(containers, true, NOW));
    }

    @Test
    void longCommandsAndImageIdsAreCut() {
        ContainerSummary c = new ContainerSummary("0123456789abcdef", List.of("/a"), BUSYBOX_ID,
                "sh -c 'while true; do date; sleep 1; done'", NOW.getEpochSecond(), "exited", "Exited (0) 1 second ago",
                null);
        String row = PsCommand.table(List.of(c), true, NOW).lines().skip(1).findFirst().orElseThrow();
        assertEquals("0123456789ab   e7567e706ee5   \"sh -c 'while true; …\"   Less than a second ago   "
                + "Exited (0) 1 second ago             a", row);
        String full = PsCommand.table(List.of(c), false, NOW);
        assertTrue(full.contains(BUSYBOX_ID) && full.contains("done'\""), full);
    }

    @Test
    void namesHideLegacyLinksUnlessUntruncated() {
        List<String> names = List.of("/web/db", "/db");
        assertEquals("db", PsCommand.names(names, true));
        assertEquals("web/db,db", PsCommand.names(names, false));
        assertEquals("", PsCommand.names(List.of(), true));
    }
}
