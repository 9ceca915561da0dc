package org.safercities.exchange;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.safercities.platform.Problem;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.FieldErrors;

/**
 * The good-practice library (G§34–35): the office's own practices (created, edited from the version read, deleted)
 * and those read from received exports (read-only, with their city), searched by text, prevention type, target
 * group and origin.
 */
final class PracticeLibrary {

    /** What the list is filtered by; empty fields do not filter. {@code origin}: "own", "received" or "". */
    record Filter(String q, String type, String group, String origin) {
        static final Filter NONE = new Filter("", "", "", "");

        Filter {
            q = q == null ? "" : q.strip();
            type = Practice.TYPES.contains(type) ? type : "";
            group = Practice.GROUPS.contains(group) ? group : "";
            origin = "own".equals(origin) || "received".equals(origin) ? origin : "";
        }

        boolean matches(Practice p) {
            if (!type.isEmpty() && !type.equals(p.preventionType())) {
                return false;
            }
            if (!group.isEmpty() && !p.targetGroups().contains(group)) {
                return false;
            }
            if (origin.equals("own") && !p.own() || origin.equals("received") && p.own()) {
                return false;
            }
            if (q.isEmpty()) {
                return true;
            }
            String needle = q.toLowerCase(Locale.ROOT);
            return (p.title() + "\n" + p.problem() + "\n" + p.intervention()).toLowerCase(Locale.ROOT).contains(needle);
        }
    }

    /** A save: the practice's id, or the errors (nothing stored). */
    record Saved(long id, FieldErrors errors) {
    }

    private final Store store;
    private final AuditLog audit;
    private final ExchangeStore sql;
    private final Clock clock;

    PracticeLibrary(Store store, AuditLog audit, ExchangeStore sql, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.sql = sql;
        this.clock = clock;
    }

    /** Own practices first, then received ones by city, each by title (as the store orders them). */
    List<Practice> search(Filter f) {
        return store.read(sql::practices).stream().filter(f::matches).toList();
    }

    Practice get(long id) {
        return store.read(c -> sql.practice(c, id)).orElseThrow(Problem::notFound);
    }

    Saved create(PracticeForm f, String actor, String address) {
        FieldErrors e = f.validate();
        if (!e.isEmpty()) {
            return new Saved(0, e);
        }
        long id = store.tx(c -> {
            long created = sql.insertPractice(c, f, null, null, clock.instant());
            audit.append(c, new AuditLog.Event(actor, address, "exchange.practice.create", "exchange_practice",
                    Long.toString(created), "ok", f.title()));
            return created;
        });
        return new Saved(id, e);
    }

    /** Saves over the version the form was read at; someone else's save meanwhile is a "version" error. */
    FieldErrors update(long id, PracticeForm f, String actor, String address) {
        Practice p = get(id);
        if (!p.own()) {
            throw new Problem(409, "exchange.practice.readOnly"); // a received practice is its city's
        }
        FieldErrors e = f.validate();
        long version = org.safercities.platform.web.Form.wholeNumber(f.version());
        if (version < 0) {
            e.add("version", "exchange.practice.stale");
        }
        if (!e.isEmpty()) {
            return e;
        }
        boolean saved = store.tx(c -> {
            if (!sql.updatePractice(c, id, (int) version, f)) {
                return false;
            }
            audit.append(c, new AuditLog.Event(actor, address, "exchange.practice.update", "exchange_practice",
                    Long.toString(id), "ok", f.title()));
            return true;
        });
        if (!saved) {
            e.add("version", "exchange.practice.stale");
        }
        return e;
    }

    void delete(long id, String actor, String address) {
        Practice p = get(id);
        if (!p.own()) {
            throw new Problem(409, "exchange.practice.readOnly");
        }
        store.tx(c -> {
            if (sql.deletePractice(c, id)) {
                audit.append(c, new AuditLog.Event(actor, address, "exchange.practice.delete", "exchange_practice",
                        Long.toString(id), "ok", p.title()));
            }
            return null;
        });
    }

    Optional<Practice> find(long id) {
        return store.read(c -> sql.practice(c, id));
    }
}
