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
 * A fixed list, not a folder: nothing else in the jar can be fetched. Fonts ({@code .woff2}, about 2 MB for
 * Chinese) are the exception to "from memory": they are streamed from the jar on each request, because a browser
 * asks for each at most once (it keeps them for good), most offices never need them (their PC has the system
 * fonts), and holding them would cost the heap their size for the kit's whole run.
 */
public final class Assets implements HttpService {

    /** {@code bytes} null: streamed from {@code resource} on each request. */
    private record Asset(byte[] bytes, String resource, String type) {
    }

    private final Map<String, Asset> byName = new HashMap<>();
    private final ClassLoader loader;

    /** @param resources asset name → classpath resource */
    public Assets(Map<String, String> resources, ClassLoader loader) {
        this.loader = loader;
        resources.forEach((name, resource) -> {
            if (streamed(name)) {
                if (loader.getResource(resource) == null) {
                    throw new IllegalStateException("asset missing from the jar: " + resource);
                }
                byName.put(name, new Asset(null, resource, type(name)));
                return;
            }
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("asset missing from the jar: " + resource);
                }
                byName.put(name, new Asset(in.readAllBytes(), resource, type(name)));
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
        if (a.bytes() != null) {
            res.send(a.bytes());
            return;
        }
        try (InputStream in = loader.getResourceAsStream(a.resource()); java.io.OutputStream out = res.outputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean streamed(String name) {
        return name.endsWith(".woff2");
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
        if (name.endsWith(".woff2")) {
            return "font/woff2";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        return "application/octet-stream";
    }
}
