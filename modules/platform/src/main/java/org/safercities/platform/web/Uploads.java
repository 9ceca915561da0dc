package org.safercities.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import org.safercities.crypto.Secrets;
import org.safercities.platform.Problem;

/**
 * Files sent by kit.js as the raw request body (so they stream to disk with a size limit and show upload
 * progress). An upload belongs to the session that sent it and lives until the import that uses it ends,
 * or the kit restarts.
 */
public final class Uploads {

    public record Upload(String id, Path file, String originalName, long size, String ownerSession) {
    }

    private final Path folder;
    private final long maxBytes;
    private final Map<String, Upload> byId = new ConcurrentHashMap<>();

    public Uploads(Path folder, long maxBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Upload receive(ServerRequest req, Visit visit) {
        long declared = req.headers().contentLength().orElse(-1L);
        if (declared > maxBytes) {
            throw new Problem(413, "platform.upload.tooLarge", maxBytes / (1024 * 1024));
        }
        String name = req.headers().first(HeaderNames.create("X-File-Name")).map(Uploads::decodeName).orElse("upload");
        String id = Secrets.token(12);
        Path file = folder.resolve(id);
        long size = 0;
        try (InputStream in = req.content().inputStream(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                size += n;
                if (size > maxBytes) {
                    throw new Problem(413, "platform.upload.tooLarge", maxBytes / (1024 * 1024));
                }
                out.write(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            if (e instanceof Problem p) {
                throw p;
            }
            throw new Problem(400, "platform.upload.failed");
        }
        if (size == 0) {
            deleteQuietly(file);
            throw new Problem(422, "platform.upload.empty");
        }
        Upload u = new Upload(id, file, name, size, visit.session().id());
        // the imports delete their files when they end (or forget them): their entries go with them here
        byId.values().removeIf(x -> !Files.exists(x.file()));
        byId.put(id, u);
        return u;
    }

    /** The upload with this id, only for the session that sent it. */
    public Upload find(String id, Visit visit) {
        Upload u = id == null ? null : byId.get(id);
        if (u == null || !u.ownerSession().equals(visit.session().id()) || !Files.exists(u.file())) {
            throw new Problem(404, "platform.upload.gone");
        }
        return u;
    }

    public void discard(Upload u) {
        byId.remove(u.id());
        deleteQuietly(u.file());
    }

    private static String decodeName(String raw) {
        String n;
        try {
            n = java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            n = "upload"; // a malformed name is only a label: the file is still read
        }
        n = n.replaceAll("[\\\\/]", "_").replaceAll("\\p{Cntrl}", "");
        return n.length() > 200 ? n.substring(0, 200) : n;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the data folder's uploads/ is emptied at the next start anyway
        }
    }
}
