package org.safercities.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers the failures Helidon handles before a request reaches the routing (and so {@link WebGate} and
 * {@link ErrorPages}): a request line or headers it cannot parse, a body too large, a broken chunk. Every such
 * answer of the server passes here.
 *
 * <p>Helidon reports a parser that throws on the client's bytes (a NUL in the method: {@code GET\0 / HTTP/1.1})
 * as an internal error with no request, because the request line was never read. A failure inside the routing
 * always comes with the request's method and path (Helidon's ErrorHandlers build it from the request), so an
 * internal error without them is the client's malformed request: a 400. Every answer of 500 or more is logged
 * with an id that the answer also shows; the 400s that were internal errors are logged too, less loudly.
 */
public final class DirectAnswers implements DirectHandler {

    private static final Logger LOG = Logger.getLogger(DirectAnswers.class.getName());

    /** The platform's handler for every kind of event, as the web server's listener takes them. */
    public static DirectHandlers all() {
        DirectAnswers answers = new DirectAnswers();
        DirectHandlers.Builder b = DirectHandlers.builder();
        for (EventType t : EventType.values()) {
            b.addHandler(t, answers);
        }
        return b.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType type, Status status,
            ServerResponseHeaders headers, String message) {
        boolean unread = request.method().isEmpty() && request.path().isEmpty();
        Status answer = status;
        String id = Long.toString(System.nanoTime(), 36);
        if (type == EventType.INTERNAL_ERROR && unread) {
            answer = Status.BAD_REQUEST_400;
            LOG.info(() -> "request " + id + " could not be read (" + (message == null ? "malformed request line or headers" : message)
                    + "): answered 400");
        } else if (answer.code() >= 500) {
            Status s = answer;
            LOG.log(Level.SEVERE, () -> "request " + id + " " + request.method() + " " + request.path() + " failed before routing: "
                    + type + " " + s.code() + (message == null ? "" : " " + message));
        }
        String text = answer.code() >= 500
                ? "The server could not answer this request (error " + id + ", see the kit's log).\n"
                : answer.code() + " " + answer.reasonPhrase() + ": the request could not be read.\n";
        headers.set(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        headers.set(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        headers.set(HeaderNames.CACHE_CONTROL, "no-store");
        headers.set(HeaderNames.create("Content-Security-Policy"), WebGate.CSP);
        return TransportResponse.builder()
                .status(answer)
                .headers(headers)
                .keepAlive(false)
                .entity(text.getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
