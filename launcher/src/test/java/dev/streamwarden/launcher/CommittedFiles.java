package dev.streamwarden.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a file sink has committed under a directory: in-progress and pending part files start with a dot. */
final class CommittedFiles {
    private CommittedFiles() {}

    /** Every line of every committed file under {@code dir} (none when it does not exist). */
    static List<String> lines(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return lines;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .collect(Collectors.toList())) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }
}
