package dev.skiff.runtime.cgroup;

import java.util.ArrayList;
import java.util.List;

/**
 * One counter of one block device: {@code op} is the kernel's (v1: Read, Write, Sync, Async, Discard,
 * Total; from v2's io.stat: read, write).
 */
public record BlkioEntry(long major, long minor, String op, long value) {

    /** A v1 blkio file ("8:0 Read 4096" lines; the closing "Total n" line is not per device and is left out). */
    static List<BlkioEntry> parseV1(String content) {
        List<BlkioEntry> entries = new ArrayList<>();
        for (String line : content.split("\n")) {
            String[] f = line.trim().split("[ :]+");
            if (f.length == 4) {
                entries.add(new BlkioEntry(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], Long.parseLong(f[3])));
            }
        }
        return entries;
    }

    /** Bytes read and written per device from v2's io.stat ("8:0 rbytes=1 wbytes=2 rios=3 ..."), as dockerd lists them. */
    static List<BlkioEntry> parseV2IoStat(String content) {
        List<BlkioEntry> entries = new ArrayList<>();
        for (String line : content.split("\n")) {
            String[] f = line.trim().split(" ");
            String[] dev = f[0].split(":");
            if (dev.length != 2) {
                continue;
            }
            long major = Long.parseLong(dev[0]);
            long minor = Long.parseLong(dev[1]);
            long read = 0;
            long written = 0;
            for (int i = 1; i < f.length; i++) {
                if (f[i].startsWith("rbytes=")) {
                    read = Long.parseLong(f[i].substring(7));
                } else if (f[i].startsWith("wbytes=")) {
                    written = Long.parseLong(f[i].substring(7));
                }
            }
            entries.add(new BlkioEntry(major, minor, "read", read));
            entries.add(new BlkioEntry(major, minor, "write", written));
        }
        return entries;
    }
}
