package dev.skiff.runtime.layer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs as root: whiteouts are 0/0 device nodes, opaque dirs a trusted.* xattr. */
class OverlayTarWriterTest {
    @TempDir
    Path tmp;

    private static byte[] tarOf(Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OverlayTarWriter(dir).write(out);
        return out.toByteArray();
    }

    private static List<String> describe(byte[] tar) throws Exception {
        List<String> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                String kind = e.isDirectory() ? "dir" : e.isSymbolicLink() ? "symlink->" + e.getLinkName()
                        : e.isLink() ? "link->" + e.getLinkName() : e.isCharacterDevice() ? "chr" : "file:" + new String(in.readAllBytes());
                out.add(e.getName() + " " + kind + " " + Integer.toOctalString(e.getMode()) + " " + e.getLongUserId());
            }
        }
        return out;
    }

    @Test
    void whiteoutsAndOpaqueDirectoriesBecomeTheirTarForms() throws Exception {
        byte[] lower = new TestTars().file("etc/gone", 0644, "a").dir("var/", 0755).file("var/old", 0644, "o").build();
        byte[] upper = new TestTars()
                .dir("etc/", 0755)
                .file("etc/.wh.gone", 0644, "")
                .dir("var/", 0750)
                .file("var/.wh..wh..opq", 0644, "")
                .file("var/new", 0600, "n", e -> e.setIds(1000, 1000))
                .hardlink("var/again", "var/new")
                .symlink("link", "/etc/passwd")
                .build();
        OverlayLayerStore store = new OverlayLayerStore(tmp.resolve("layers"));
        LayerInfo base = store.register(null, TestTars.diffId(lower), new ByteArrayInputStream(lower));
        LayerInfo top = store.register(base.chainId(), TestTars.diffId(upper), new ByteArrayInputStream(upper));

        byte[] written = tarOf(top.diffDir());
        assertEquals(List.of(
                "etc/ dir 40755 0",
                "etc/.wh.gone file: 600 0",
                "link symlink->/etc/passwd 120777 0",
                "var/ dir 40750 0",
                "var/.wh..wh..opq file: 750 0",
                "var/again file:n 100600 1000",
                "var/new link->var/again 100600 1000"), describe(written));

        // Extracting what was written gives the same overlay tree, so writing it again the same tar:
        // a layer whose original blob is gone can still be pushed or saved under its diff id.
        LayerInfo again = new OverlayLayerStore(tmp.resolve("layers2"))
                .register(null, TestTars.diffId(written), new ByteArrayInputStream(written));
        assertArrayEquals(written, tarOf(again.diffDir()));
    }
}
