package io.kaohe.audit.retention;

import io.kaohe.support.audit.Sm3;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * Where archived records go: JSON-lines files in a folder (in production a volume that is backed up,
 * or mounted from the object store), each named after the range it holds.
 */
public final class ArchiveFiles {

    private final Path folder;

    public ArchiveFiles(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    Path file(String name) {
        Path file = folder.resolve(name).normalize();
        if (!file.startsWith(folder.normalize())) {
            throw new IllegalArgumentException("not an archive file name: " + name);
        }
        return file;
    }

    /** The file's SM3, or null if it is not in the folder (e.g. moved to offline storage). */
    public String sm3(String name) {
        Path file = file(name);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return sm3(file);
    }

    static String sm3(Path file) {
        SM3Digest digest = new SM3Digest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] out = new byte[Sm3.LENGTH];
        digest.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
