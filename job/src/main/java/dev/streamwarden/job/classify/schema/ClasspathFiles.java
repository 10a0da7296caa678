package dev.streamwarden.job.classify.schema;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Lists resource files in a classpath folder, whether the folder is a directory or inside a jar. */
public final class ClasspathFiles {
    private ClasspathFiles() {}

    /** Resource paths ("schemas/aws.yaml") of the files in {@code folder} ending in {@code suffix}, sorted. */
    public static List<String> list(String folder, String suffix) throws IOException {
        URL url = ClasspathFiles.class.getClassLoader().getResource(folder);
        if (url == null) {
            return List.of();
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("bad resource URL " + url, e);
        }
        if (uri.getScheme().equals("jar")) {
            FileSystem jar;
            boolean opened = false;
            try {
                jar = FileSystems.newFileSystem(uri, Collections.emptyMap());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
            }
            try {
                return names(jar.getPath(folder), folder, suffix);
            } finally {
                if (opened) {
                    jar.close();
                }
            }
        }
        return names(Path.of(uri), folder, suffix);
    }

    /** The bytes of a classpath resource ("schemas/aws.yaml"); a missing one is an IOException naming it. */
    public static byte[] read(String path) throws IOException {
        try (InputStream in = ClasspathFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing resource " + path);
            }
            return in.readAllBytes();
        }
    }

    private static List<String> names(Path dir, String folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix))
                    .sorted()
                    .map(n -> folder + "/" + n)
                    .collect(Collectors.toList());
        }
    }
}
