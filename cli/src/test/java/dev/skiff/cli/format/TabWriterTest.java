package dev.skiff.cli.format;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TabWriterTest {
    @Test
    void reproducesDockerImagesLayout() {
        String table = TabWriter.dockerTable()
                .row("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE")
                .row("<none>", "<none>", "a533b0d3c676", "Less than a second ago", "1.98MB")
                .row("myrepo/bb", "1.0", "e7567e706ee5", "5 minutes ago", "1.98MB")
                .row("busybox", "latest", "e7567e706ee5", "5 minutes ago", "1.98MB")
                .render();
        // From the recorded `docker images` output.
        assertEquals("""
                REPOSITORY   TAG       IMAGE ID       CREATED                  SIZE
                <none>       <none>    a533b0d3c676   Less than a second ago   1.98MB
                myrepo/bb    1.0       e7567e706ee5   5 minutes ago            1.98MB
                busybox      latest    e7567e706ee5   5 minutes ago            1.98MB
                """, table);
    }

    @Test
    void emptyColumnsStillTakeTheMinimumWidth() {
        String table = TabWriter.dockerTable()
                .row("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES")
                .row("a69731e7df33", "busybox", "\"sleep 1000\"", "1 second ago", "Up 1 second", "", "labeled")
                .render();
        assertEquals("""
                CONTAINER ID   IMAGE     COMMAND        CREATED        STATUS        PORTS     NAMES
                a69731e7df33   busybox   "sleep 1000"   1 second ago   Up 1 second             labeled
                """, table);
    }

    @Test
    void aShorterRowEndsTheColumnBlock() {
        String text = new TabWriter(0, 1)
                .line("a\tbb\tc")
                .line("aaaa\tb")
                .line("no tabs here")
                .line("x\ty")
                .render();
        assertEquals("""
                a    bb c
                aaaa b
                no tabs here
                x y
                """, text);
    }

    @Test
    void widthCountsCodePoints() {
        assertEquals("é   x\nab  y\n", new TabWriter(0, 2).row("é", "x").row("ab", "y").render());
    }
}
