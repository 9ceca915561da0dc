package org.safercities.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.crypto.OpenPgp;
import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Json;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * The keys page: the office's own key (its public part to download and give to the national forum), the
 * recipients of the exports and the known senders whose exports the kit accepts. Staff read; the coordination
 * adds (an .asc file sent by kit.js, or the armoured text pasted) and deletes.
 */
final class KeysRoutes implements HttpService {

    private final ExchangeService service;
    private final Pages pages;
    private final long uploadMax;

    KeysRoutes(ExchangeService service, Pages pages, long uploadMax) {
        this.service = service;
        this.pages = pages;
        this.uploadMax = uploadMax;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/exchange/keys", this::page)
                .get("/exchange/keys/office.asc", this::officePublicKey)
                .post("/exchange/keys/{list}", this::add)
                .post("/exchange/keys/{list}/{id}/delete", this::delete);
    }

    record KeyRow(Long id, String label, String fingerprint, String userId, String added, boolean fromProfile,
            String deleteUrl) {
    }

    record KeyList(String list, String kind, List<KeyRow> keys, boolean empty, Map<String, String> values,
            Map<String, String> errors, String action) {
    }

    record Page(String officeFingerprint, String officeUserId, String officeCreated, boolean canEdit, KeyList recipients,
            KeyList senders, int maxKilobytes) {
    }

    private void page(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.STAFF);
        render(res, Status.OK_200, v, null, Map.of(), Map.of());
    }

    private void render(ServerResponse res, Status status, Visit v, String list, Map<String, String> values,
            Map<String, String> errors) {
        Translator t = v.t();
        ExchangeStore.OfficeKeyRow office = service.officeKey();
        pages.render(res, status, v, "/exchange/keys", "exchange/keys", "exchange.keys.title",
                new Page(OpenPgp.grouped(office.fingerprint()), office.userId(), t.dateTime(office.createdAt()),
                        v.is(Role.COORDINATION),
                        keyList(t, "recipients", list, values, errors), keyList(t, "senders", list, values, errors),
                        KeyBook.MAX_BYTES / 1024));
    }

    private KeyList keyList(Translator t, String list, String typedFor, Map<String, String> values,
            Map<String, String> errors) {
        String kind = kindOf(list);
        List<KeyRow> rows = service.keys().list(kind).stream().map(k -> new KeyRow(k.id(), k.label(), k.grouped(),
                k.userId(), t.dateTime(k.added()), k.fromProfile(),
                k.id() == null ? null : "/exchange/keys/" + list + "/" + k.id() + "/delete")).toList();
        boolean mine = list.equals(typedFor);
        return new KeyList(list, kind, rows, rows.isEmpty(), mine ? values : Map.of(), mine ? errors : Map.of(),
                "/exchange/keys/" + list);
    }

    private static String kindOf(String list) {
        return switch (list) {
            case "recipients" -> KeyBook.RECIPIENT;
            case "senders" -> KeyBook.SENDER;
            default -> throw Problem.notFound();
        };
    }

    private void officePublicKey(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.STAFF);
        ExchangeStore.OfficeKeyRow office = service.officeKey();
        res.header(HeaderNames.CONTENT_TYPE, "application/pgp-keys");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\""
                + ExchangeService.slug(service.cityName()) + "-office-public-key.asc\"");
        res.send(office.publicKey().getBytes(StandardCharsets.UTF_8));
    }

    /** A key pasted in the form (422 re-render on refusal) or an .asc file sent by kit.js (JSON answer). */
    private void add(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = Visit.of(req);
        v.require(Role.COORDINATION);
        String list = req.path().pathParameters().get("list");
        String kind = kindOf(list);
        boolean upload = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").startsWith("application/octet-stream");
        String office = service.officeKey().fingerprint();
        if (upload) {
            byte[] bytes = readCapped(req);
            FieldErrors e = service.keys().add(kind, "", bytes, office, v.actor(), v.address());
            res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
            if (!e.isEmpty()) {
                res.status(bytes.length > KeyBook.MAX_BYTES ? Status.create(413) : Status.create(422));
                res.send(Json.object(Map.of("error", e.in(v.t()).get("key"))).getBytes(StandardCharsets.UTF_8));
                return;
            }
            v.flash("exchange.keys.added");
            res.send(Json.object(Map.of("redirect", "/exchange/keys#" + list)).getBytes(StandardCharsets.UTF_8));
            return;
        }
        Form f = v.form();
        String armoured = f.raw("armoured");
        FieldErrors e = service.keys().add(kind, f.get("label"), armoured.getBytes(StandardCharsets.UTF_8), office,
                v.actor(), v.address());
        if (!e.isEmpty()) {
            render(res, Status.create(422), v, list, Map.of("label", f.raw("label"), "armoured", armoured), e.in(v.t()));
            return;
        }
        v.flash("exchange.keys.added");
        Visit.redirect(res, "/exchange/keys#" + list);
    }

    /** The body up to one byte past the key limit; the rest (up to the kit's upload limit) is read and dropped. */
    private byte[] readCapped(ServerRequest req) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long total = 0;
        try (InputStream in = req.content().inputStream()) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                int room = KeyBook.MAX_BYTES + 1 - kept.size();
                if (room > 0) {
                    kept.write(buf, 0, Math.min(room, n));
                }
                total += n;
                if (total > uploadMax) {
                    break;
                }
            }
        }
        return kept.toByteArray();
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.COORDINATION);
        String list = req.path().pathParameters().get("list");
        String kind = kindOf(list);
        long id = Form.wholeNumber(req.path().pathParameters().get("id"));
        if (!service.keys().delete(kind, id, v.actor(), v.address())) {
            throw Problem.notFound();
        }
        v.flash("exchange.keys.deleted");
        Visit.redirect(res, "/exchange/keys#" + list);
    }
}
