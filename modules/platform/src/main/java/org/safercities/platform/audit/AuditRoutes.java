package org.safercities.platform.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.accounts.Role;
import org.safercities.platform.files.CsvOut;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/** The audit log, for the administrator: read it page by page, check its chain, export it. */
public final class AuditRoutes implements HttpService {

    static final int PAGE = 50;
    private final AuditLog audit;
    private final Pages pages;

    public record Row(long seq, String at, String actor, String address, String action, String record, String outcome,
            String detail, boolean failed) {
    }

    public record AuditPage(List<Row> rows, String filter, String chain, boolean intact, Integer previous, Integer next) {
    }

    public AuditRoutes(AuditLog audit, Pages pages) {
        this.audit = audit;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/audit", this::list).get("/audit.csv", this::export);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ADMINS);
        Translator t = v.t();
        int page = (int) Math.max(0, Visit.query(req, "page").map(Form::wholeNumber).orElse(0L));
        String filter = Visit.query(req, "action").orElse("").strip();
        List<AuditEntry> entries = audit.page(page * PAGE, PAGE + 1, filter);
        List<Row> rows = entries.stream().limit(PAGE).map(e -> new Row(e.seq(), t.dateTime(e.at()), e.actor(), e.address(),
                e.action(), e.recordType() + " " + e.recordId(), e.outcome(), e.detail(), !e.outcome().equals("ok"))).toList();
        AuditLog.Verification check = audit.verify();
        String chain = check.intact() ? t.plural("platform.audit.intact", check.entries())
                : t.t("platform.audit.broken", check.firstBrokenSeq());
        pages.render(res, v, "/audit", "platform/audit", "platform.audit.title", new AuditPage(rows, filter, chain,
                check.intact(), page > 0 ? page - 1 : null, entries.size() > PAGE ? page + 1 : null));
    }

    private void export(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = Visit.of(req);
        v.require(Role.ADMINS);
        audit.record(new AuditLog.Event(v.actor(), v.address(), "audit.export", "audit", "-", "ok", ""));
        try (CsvOut csv = CsvOut.download(res, "audit-log.csv")) {
            csv.row(List.of("seq", "at", "actor", "address", "action", "record_type", "record_id", "outcome", "detail",
                    "prev_hash", "hash"));
            audit.forEach(e -> {
                try {
                    csv.row(List.of(e.seq(), e.at().toString(), e.actor(), e.address(), e.action(), e.recordType(),
                            e.recordId(), e.outcome(), e.detail(), e.prevHash(), e.hash()));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }

}
