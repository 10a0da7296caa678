package dev.streamwarden.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The templates this module ships: every *.yaml directly under deploy/. */
final class Templates {
    static final Path DIR = Path.of("").toAbsolutePath();
    static final Path MAIN = DIR.resolve("streamwarden.yaml");

    private Templates() {}

    static List<Path> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
