package dev.skiff.cli.command;

import dev.skiff.cli.engine.DaemonErrorException;
import dev.skiff.cli.engine.EngineClient;
import dev.skiff.cli.engine.StreamErrorException;
import dev.skiff.cli.format.ImageReference;
import dev.skiff.cli.stream.ProgressPrinter;

import java.io.IOException;
import java.io.PrintStream;

/** Pulls one reference, printing the daemon's progress messages as lines (shared by pull, create, run). */
final class ImagePuller {
    private ImagePuller() {
    }

    /** @param progress where the lines go, or null to print nothing ({@code pull -q}) */
    static void pull(EngineClient engine, ImageReference ref, PrintStream progress)
            throws IOException, DaemonErrorException, StreamErrorException {
        ProgressPrinter printer = progress == null ? null : new ProgressPrinter(progress);
        engine.pullImage(ref.name(), ref.tagOrDigest(), message -> {
            if (printer != null) {
                printer.print(message);
            }
        });
    }
}
