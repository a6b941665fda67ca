package dev.skiff.runtime.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading and writing cgroup control files (always a single write, never a create or truncate). */
final class CgroupFiles {
    private CgroupFiles() {
    }

    static void write(Path file, String value) throws IOException {
        Files.write(file, value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE);
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    /** Every "key value" line of a flat-keyed file (cpu.stat, memory.stat); empty when it is absent. */
    static Map<String, Long> keyedValues(Path file) throws IOException {
        Map<String, Long> values = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String[] kv = line.trim().split(" ");
                if (kv.length == 2) {
                    values.put(kv[0], Long.parseLong(kv[1]));
                }
            }
        }
        return values;
    }

    /** A file holding one number, "max" (no limit: {@link Long#MAX_VALUE}); 0 when it is absent. */
    static long number(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        String value = read(file);
        return value.equals("max") ? Long.MAX_VALUE : Long.parseLong(value);
    }

    /** The value of {@code key} in a flat-keyed file ("key value" lines), or 0 when absent. */
    static long keyedValue(Path file, String key) throws IOException {
        return keyedValues(file).getOrDefault(key, 0L);
    }

    static List<Integer> pids(Path procsFile) throws IOException {
        List<Integer> pids = new ArrayList<>();
        if (!Files.exists(procsFile)) {
            return pids;
        }
        for (String line : Files.readAllLines(procsFile, StandardCharsets.US_ASCII)) {
            if (!line.isBlank()) {
                pids.add(Integer.parseInt(line.trim()));
            }
        }
        return pids;
    }

    /**
     * SIGKILLs the given processes, except the daemon itself: a start or exec thread that has just
     * finished may still be listed (as its process) until the kernel has fully retired it.
     */
    static void killAll(List<Integer> pids) {
        long self = ProcessHandle.current().pid();
        for (int pid : pids) {
            if (pid != self) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** rmdir, retrying while the kernel still reports the group busy (tasks that are exiting). */
    static void removeDirectory(Path dir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (java.nio.file.FileSystemException e) {
                if (attempt >= 100) {
                    throw e;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
