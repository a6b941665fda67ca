package dev.skiff.cli.command;

import dev.skiff.cli.args.Flag;
import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.args.UsageException;
import dev.skiff.cli.engine.DaemonErrorException;
import dev.skiff.cli.engine.Filters;
import dev.skiff.cli.engine.model.ImageSummary;
import dev.skiff.cli.format.GoStrings;
import dev.skiff.api.units.HumanUnits;
import dev.skiff.cli.format.ImageReference;
import dev.skiff.cli.format.TabWriter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code skiff images [-a] [-q] [--no-trunc] [-f FILTER] [REPOSITORY[:TAG]]}. */
public final class ImagesCommand implements Command {
    private static final Flag ALL = Flag.bool("all", 'a', "Show all images (default hides intermediate images)");
    private static final Flag QUIET = Flag.bool("quiet", 'q', "Only show image IDs");
    private static final Flag NO_TRUNC = Flag.bool("no-trunc", (char) 0, "Don't truncate output");
    private static final CommandSpec SPEC = CommandSpec.of("images", "[OPTIONS] [REPOSITORY[:TAG]]",
            "List images", 0, 1, ALL, QUIET, NO_TRUNC, FilterFlag.FLAG);
    private static final String NONE = "<none>";

    /** One table row: an image shown under one repository and tag. */
    record Row(String repository, String tag, ImageSummary image) {
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException, DaemonErrorException, UsageException {
        Filters filters = FilterFlag.parse(args);
        if (!args.positionals().isEmpty()) {
            filters.add("reference", args.positionals().get(0));
        }
        List<ImageSummary> images = ctx.engine().images(args.isSet(ALL.name()), filters);
        boolean noTrunc = args.isSet(NO_TRUNC.name());
        List<Row> rows = rows(images);
        if (args.isSet(QUIET.name())) {
            rows.forEach(r -> ctx.out().println(id(r.image(), noTrunc)));
            return 0;
        }
        ctx.out().print(table(rows, noTrunc, ctx.now()));
        return 0;
    }

    static String table(List<Row> rows, boolean noTrunc, Instant now) {
        TabWriter table = TabWriter.dockerTable().row("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        for (Row r : rows) {
            Duration age = Duration.between(Instant.ofEpochSecond(r.image().created()), now);
            table.row(r.repository(), r.tag(), id(r.image(), noTrunc),
                    HumanUnits.duration(age) + " ago", HumanUnits.size(r.image().size(), 3));
        }
        return table.render();
    }

    private static String id(ImageSummary image, boolean noTrunc) {
        return noTrunc ? image.id() : GoStrings.shortId(image.id());
    }

    /**
     * One row per tag, grouped by repository; a repository known only by digest gets one
     * {@code <none>} tag row; an image with neither gets {@code <none> <none>}. References that do
     * not parse ({@code <none>:<none>}) are ignored.
     */
    static List<Row> rows(List<ImageSummary> images) {
        List<Row> rows = new ArrayList<>();
        for (ImageSummary image : images) {
            Map<String, List<String>> tagsByRepo = new LinkedHashMap<>();
            for (String refText : image.repoTags()) {
                ImageReference ref = parseOrNull(refText);
                if (ref != null && ref.tag() != null) {
                    tagsByRepo.computeIfAbsent(ref.familiarName(), k -> new ArrayList<>()).add(ref.tag());
                }
            }
            List<String> digestOnly = new ArrayList<>();
            for (String refText : image.repoDigests()) {
                ImageReference ref = parseOrNull(refText);
                if (ref != null && ref.digest() != null && !tagsByRepo.containsKey(ref.familiarName())
                        && !digestOnly.contains(ref.familiarName())) {
                    digestOnly.add(ref.familiarName());
                }
            }
            tagsByRepo.forEach((repo, tags) -> tags.forEach(tag -> rows.add(new Row(repo, tag, image))));
            digestOnly.forEach(repo -> rows.add(new Row(repo, NONE, image)));
            if (tagsByRepo.isEmpty() && digestOnly.isEmpty()) {
                rows.add(new Row(NONE, NONE, image));
            }
        }
        return rows;
    }

    private static ImageReference parseOrNull(String text) {
        try {
            return ImageReference.parseNormalized(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
