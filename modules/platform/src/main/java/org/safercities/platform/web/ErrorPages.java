package org.safercities.platform.web;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.Problem;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.i18n.Messages;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.store.Store;

/**
 * Turns failures into answers in one place: a {@link Problem} into a page (or JSON for scripts) in the user's
 * language with its status; anything else into a 500 page with a request id that also appears in the log.
 * Denials (403) are written to the audit log.
 */
public final class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class.getName());
    private final Pages pages;
    private final Messages messages;
    private final AuditLog audit;
    private final Store store;

    public record ErrorPage(int status, String message, String requestId, boolean signIn) {
    }

    public ErrorPages(Pages pages, Messages messages, AuditLog audit, Store store) {
        this.pages = pages;
        this.messages = messages;
        this.audit = audit;
        this.store = store;
    }

    public void register(HttpRouting.Builder routing) {
        routing.error(Problem.class, this::problem);
        routing.error(HttpException.class, this::http);
        routing.error(DataReader.InsufficientDataAvailableException.class, this::shortBody);
        routing.error(Exception.class, this::unexpected);
    }

    /**
     * A body that ended before its Content-Length, met by whichever handler read it (an upload, a key file): the
     * client's bytes, not a server fault (the form reader in WebGate says the same for forms).
     */
    private void shortBody(ServerRequest req, ServerResponse res, DataReader.InsufficientDataAvailableException e) {
        Visit visit = Visit.find(req).orElse(null);
        LOG.info(() -> "request " + (visit == null ? "-" : visit.requestId()) + " " + req.prologue().method().text() + " "
                + req.path().path() + ": the body ended before its Content-Length: answered 400");
        Translator t = visit == null ? messages.translator(Messages.SOURCE) : visit.t();
        send(req, res, visit, 400, t.t("platform.error.badRequest"), false);
    }

    private void problem(ServerRequest req, ServerResponse res, Problem p) {
        Visit visit = Visit.find(req).orElse(null);
        Translator t = visit == null ? messages.translator(Messages.SOURCE) : visit.t();
        if (p.status() == 403 && store.state() == Store.State.READY) {
            try {
                audit.record(new AuditLog.Event(visit == null ? "-" : visit.actor(), visit == null ? "-" : visit.address(),
                        "access.denied", "path", req.path().path(), "denied",
                        req.prologue().method().text() + " " + p.messageKey()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not audit a denial", e);
            }
        }
        if (p.status() >= 500) { // every 5xx leaves a line in the log, expected or not
            LOG.warning(() -> "request " + (visit == null ? "-" : visit.requestId()) + " " + req.prologue().method().text()
                    + " " + req.path().path() + " answered " + p.status() + " " + p.messageKey());
        }
        send(req, res, visit, p.status(), t.t(p.messageKey(), p.args()), p.status() == 401);
    }

    /** Helidon's own refusals: no such route (404), wrong method (405), a malformed request (400). */
    private void http(ServerRequest req, ServerResponse res, HttpException e) {
        int status = e.status().code();
        String key = switch (status) {
            case 404 -> "platform.error.notFound";
            case 405 -> "platform.error.methodNotAllowed";
            default -> status < 500 ? "platform.error.badRequest" : null;
        };
        if (key == null) {
            unexpected(req, res, e);
            return;
        }
        Visit visit = Visit.find(req).orElse(null);
        Translator t = visit == null ? messages.translator(Messages.SOURCE) : visit.t();
        send(req, res, visit, status, t.t(key), false);
    }

    private void unexpected(ServerRequest req, ServerResponse res, Exception e) {
        Visit visit = Visit.find(req).orElse(null);
        String id = visit == null ? Long.toString(System.nanoTime(), 36) : visit.requestId();
        LOG.log(Level.SEVERE, "request " + id + " " + req.prologue().method().text() + " " + req.path().path()
                + " failed", e);
        Translator t = visit == null ? messages.translator(Messages.SOURCE) : visit.t();
        send(req, res, visit, 500, t.t("platform.error.unexpected", id), false);
    }

    private void send(ServerRequest req, ServerResponse res, Visit visit, int status, String message, boolean signIn) {
        if (res.isSent()) {
            return;
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (wantsJson(req) || visit == null) {
            res.status(Status.create(status));
            res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
            res.send(Json.object(Map.of("error", message, "status", status)));
            return;
        }
        pages.render(res, Status.create(status), visit, req.path().path(), "platform/error", "platform.error.title",
                new ErrorPage(status, message, visit.requestId(), signIn));
    }

    static boolean wantsJson(ServerRequest req) {
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("");
        return accept.contains("application/json") && !accept.contains("text/html")
                || req.headers().contains(HeaderNames.create("X-Requested-With"));
    }
}
