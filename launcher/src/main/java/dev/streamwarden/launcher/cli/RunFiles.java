package dev.streamwarden.launcher.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a running {@code run} and {@code stop} find each other: run writes its process id to .streamwarden/run.pid
 * and, when it stopped with a savepoint, the savepoint's path to .streamwarden/last-savepoint.
 */
final class RunFiles {
    private final Path pid;
    private final Path lastSavepoint;

    private RunFiles(Path dir) {
        this.pid = dir.resolve("run.pid");
        this.lastSavepoint = dir.resolve("last-savepoint");
    }

    static RunFiles under(Path home) {
        return new RunFiles(home.resolve(".streamwarden"));
    }

    void writePid() {
        write(pid, Long.toString(ProcessHandle.current().pid()));
    }

    void removePid() {
        try {
            Files.deleteIfExists(pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process of the run that wrote the pid file, if it still runs. */
    Optional<ProcessHandle> running() {
        if (!Files.isRegularFile(pid)) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
                    .filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void recordSavepoint(String path) {
        write(lastSavepoint, path);
    }

    Optional<String> lastSavepoint() {
        try {
            return Files.isRegularFile(lastSavepoint)
                    ? Optional.of(Files.readString(lastSavepoint).trim())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
