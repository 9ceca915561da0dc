package org.safercities.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The browser's files (style, script, icons, chart library), read from the jar once and served from memory
 * under {@code /assets/<name>}. Pages link them with {@code ?v=<kit version>}, so they can be cached for good.
 * A fixed list, not a folder: nothing else in the jar can be fetched.
 */
public final class Assets implements HttpService {

    private record Asset(byte[] bytes, String type) {
    }

    private final Map<String, Asset> byName = new HashMap<>();

    /** @param resources asset name → classpath resource */
    public Assets(Map<String, String> resources, ClassLoader loader) {
        resources.forEach((name, resource) -> {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("asset missing from the jar: " + resource);
                }
                byName.put(name, new Asset(in.readAllBytes(), type(name)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{name}", this::serve);
    }

    private void serve(ServerRequest req, ServerResponse res) {
        Asset a = byName.get(req.path().pathParameters().get("name"));
        if (a == null) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, a.type());
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=31536000, immutable");
        res.send(a.bytes());
    }

    private static String type(String name) {
        if (name.endsWith(".css")) {
            return "text/css; charset=UTF-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=UTF-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        return "application/octet-stream";
    }
}
