package io.vigil.stack.brokerauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.Supplier;

/**
 * A bearer token kept in a file (a mounted Kubernetes Secret), read again whenever the file changes, so that a
 * rotated token is used without restarting the broker.
 */
final class TokenFile implements Supplier<String> {

    private final Path file;
    private FileTime readAt;
    private String token;

    TokenFile(Path file) {
        this.file = file;
    }

    @Override
    public synchronized String get() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (token == null || !modified.equals(readAt)) {
                token = Files.readString(file, StandardCharsets.UTF_8).trim();
                readAt = modified;
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker's token from " + file, e);
        }
    }
}
