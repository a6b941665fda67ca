package dev.skiff.daemon.system;

import dev.skiff.daemon.store.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;

/** The daemon's stable identity (the "ID" of /info), created once per data root. */
public final class EngineId {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private EngineId() {
    }

    public static String loadOrCreate(Path dataRoot) throws IOException {
        Path file = dataRoot.resolve("engine-id");
        try {
            String id = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!id.isEmpty()) {
                return id;
            }
        } catch (NoSuchFileException e) {
            // first start on this data root
        }
        String id = generate(new SecureRandom());
        AtomicFiles.write(file, (id + "\n").getBytes(StandardCharsets.US_ASCII));
        return id;
    }

    /** Twelve groups of four base32 characters separated by colons, in dockerd's format. */
    static String generate(SecureRandom random) {
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < 12; g++) {
            if (g > 0) {
                sb.append(':');
            }
            for (int i = 0; i < 4; i++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return sb.toString();
    }
}
