package org.safercities.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.safercities.platform.Problem;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;

/**
 * How a draft is discussed before adoption: the technical group's comments on its parts (resolved by the
 * coordinator; adoption warns while some are open) and the city consultations that rank its priorities, with
 * their participants counted by sex and by age band (G§26, G§31). Only a draft takes new comments or
 * consultations: an adopted version is read-only.
 */
public final class Deliberations {

    /** Beyond this a count is a typing mistake, not a meeting. */
    static final int MAX_COUNT = 1_000_000;

    private final Store store;
    private final StrategyService strategy;
    private final DeliberationStore db = new DeliberationStore();

    public Deliberations(Store store, StrategyService strategy) {
        this.store = store;
        this.strategy = strategy;
    }

    public record ConsultationForm(String heldOn, String place, String women, String men, String sexOther,
            String under15, String age15to24, String age25to59, String age60plus, Map<Long, String> points) {
    }

    /** A priority's place in the consultations' ranking: total points over every consultation of the version. */
    public record Ranked(Priority priority, int points, int place) {
    }

    public List<Comment> comments(long versionId) {
        return store.read(c -> db.comments(c, versionId));
    }

    public int unresolved(long versionId) {
        return store.read(c -> strategy.db().unresolvedComments(c, versionId));
    }

    public List<Consultation> consultations(long versionId) {
        return store.read(c -> db.consultations(c, versionId));
    }

    /** The parts of a version a comment can be about, as part code → label: the vision, then each part by title. */
    public Map<String, String> parts(long versionId, String visionLabel) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("vision", visionLabel);
        VersionCache.Content content = strategy.content(versionId);
        content.priorities().forEach(p -> out.put("priority:" + p.id(), p.title()));
        content.objectives().forEach(o -> out.put("objective:" + o.id(), o.title()));
        content.actions().forEach(a -> out.put("action:" + a.id(), a.title()));
        return out;
    }

    public StrategyService.Saved comment(long versionId, String part, String body, String visionLabel, String actor,
            String address) {
        FieldErrors e = new FieldErrors();
        String label = parts(versionId, visionLabel).get(part);
        if (label == null) {
            e.add("part", "strategy.error.badChoice");
        }
        checkBody(body, e);
        if (!e.isEmpty()) {
            return new StrategyService.Saved(0, e);
        }
        long id = store.tx(c -> {
            draft(c, versionId);
            long cid = db.insertComment(c, versionId, part, label, actor, body.strip(), Instant.now());
            strategy.log(c, actor, address, "strategy.comment.create", "strategy_comment", cid, part);
            return cid;
        });
        return new StrategyService.Saved(id, e);
    }

    private static void checkBody(String body, FieldErrors e) {
        if (body == null || body.isBlank()) {
            e.add("body", "strategy.error.required");
        } else if (body.strip().length() > 4000) {
            e.add("body", "strategy.error.tooLong");
        }
    }

    public Comment comment(long id) {
        return store.read(c -> db.comment(c, id)).orElseThrow(Problem::notFound);
    }

    /**
     * Changes a comment's text: by its author or a coordinator, on a draft, from the reading at {@code version}
     * (someone else's change in between: 409).
     */
    public StrategyService.Saved editComment(long id, int version, String body, boolean coordinator, String actor,
            String address) {
        FieldErrors e = new FieldErrors();
        checkBody(body, e);
        if (!e.isEmpty()) {
            return new StrategyService.Saved(id, e);
        }
        store.tx(c -> {
            Comment k = changeable(c, id, coordinator, actor);
            if (!db.updateComment(c, id, version, body.strip(), actor, Instant.now())) {
                throw Problem.conflict("platform.error.editedMeanwhile");
            }
            strategy.log(c, actor, address, "strategy.comment.update", "strategy_comment", id, k.part());
            return null;
        });
        return new StrategyService.Saved(id, e);
    }

    /** Deletes a comment (its author or a coordinator, on a draft, as read at {@code version}); returns its version. */
    public long deleteComment(long id, int version, boolean coordinator, String actor, String address) {
        return store.tx(c -> {
            Comment k = changeable(c, id, coordinator, actor);
            if (!db.deleteComment(c, id, version)) {
                throw Problem.conflict("platform.error.editedMeanwhile");
            }
            strategy.log(c, actor, address, "strategy.comment.delete", "strategy_comment", id, k.part() + " by " + k.author());
            return k.versionId();
        });
    }

    /** The comment, if its version is a draft and {@code actor} may change it (its author, or a coordinator). */
    private Comment changeable(Connection c, long id, boolean coordinator, String actor) throws SQLException {
        Comment k = db.comment(c, id).orElseThrow(Problem::notFound);
        if (!k.changeableBy(actor, coordinator)) {
            throw Problem.forbidden();
        }
        draft(c, k.versionId());
        return k;
    }

    public Consultation consultation(long id) {
        return store.read(c -> db.consultation(c, id)).orElseThrow(Problem::notFound);
    }

    /** Replaces a consultation's date, place, counts and points, checked as a new one; 409 as for comments. */
    public StrategyService.Saved updateConsultation(long id, int version, ConsultationForm f, String actor, String address) {
        Consultation now = consultation(id);
        FieldErrors e = new FieldErrors();
        Consultation k = check(now.versionId(), f, e);
        if (!e.isEmpty()) {
            return new StrategyService.Saved(id, e);
        }
        Consultation changed = new Consultation(id, now.versionId(), k.heldOn(), k.place(), k.women(), k.men(),
                k.sexOther(), k.under15(), k.age15to24(), k.age25to59(), k.age60plus(), k.points(), version);
        store.tx(c -> {
            draft(c, now.versionId());
            if (!db.updateConsultation(c, changed, version)) {
                throw Problem.conflict("platform.error.editedMeanwhile");
            }
            strategy.log(c, actor, address, "strategy.consultation.update", "strategy_consultation", id,
                    changed.heldOn() + " " + changed.participants());
            return null;
        });
        return new StrategyService.Saved(id, e);
    }

    /** Deletes a consultation with its points (on a draft, as read at {@code version}); returns its version. */
    public long deleteConsultation(long id, int version, String actor, String address) {
        return store.tx(c -> {
            Consultation k = db.consultation(c, id).orElseThrow(Problem::notFound);
            draft(c, k.versionId());
            if (!db.deleteConsultation(c, id, version)) {
                throw Problem.conflict("platform.error.editedMeanwhile");
            }
            strategy.log(c, actor, address, "strategy.consultation.delete", "strategy_consultation", id,
                    k.heldOn() + " " + k.place() + " " + k.participants());
            return k.versionId();
        });
    }

    /** Marks a comment resolved; returns its version. Resolving twice is a conflict, not a silent no-op. */
    public long resolve(long commentId, String actor, String address) {
        return store.tx(c -> {
            Comment k = db.comment(c, commentId).orElseThrow(Problem::notFound);
            draft(c, k.versionId());
            if (!db.resolve(c, commentId, actor, Instant.now())) {
                throw Problem.conflict("strategy.error.alreadyResolved");
            }
            strategy.log(c, actor, address, "strategy.comment.resolve", "strategy_comment", commentId, k.part());
            return k.versionId();
        });
    }

    public StrategyService.Saved addConsultation(long versionId, ConsultationForm f, String actor, String address) {
        FieldErrors e = new FieldErrors();
        Consultation k = check(versionId, f, e);
        if (!e.isEmpty()) {
            return new StrategyService.Saved(0, e);
        }
        long id = store.tx(c -> {
            draft(c, versionId);
            long kid = db.insertConsultation(c, k);
            strategy.log(c, actor, address, "strategy.consultation.create", "strategy_consultation", kid,
                    k.heldOn() + " " + k.participants());
            return kid;
        });
        return new StrategyService.Saved(id, e);
    }

    /** A consultation form checked: the dates, counts (the two totals equal and above zero) and points of a version. */
    private Consultation check(long versionId, ConsultationForm f, FieldErrors e) {
        LocalDate on = null;
        try {
            on = LocalDate.parse(f.heldOn().strip());
        } catch (DateTimeParseException ex) {
            e.add("heldOn", f.heldOn().isBlank() ? "strategy.error.required" : "strategy.error.date");
        }
        if (f.place().isBlank()) {
            e.add("place", "strategy.error.required");
        }
        int[] sex = {count(f.women(), "women", e), count(f.men(), "men", e), count(f.sexOther(), "sexOther", e)};
        int[] age = {count(f.under15(), "under15", e), count(f.age15to24(), "age15to24", e),
                count(f.age25to59(), "age25to59", e), count(f.age60plus(), "age60plus", e)};
        long bySex = (long) sex[0] + sex[1] + sex[2];
        long byAge = (long) age[0] + age[1] + age[2] + age[3];
        if (e.isEmpty() && bySex != byAge) {
            e.add("age", "strategy.error.countsDiffer", Long.toString(bySex), Long.toString(byAge));
        } else if (e.isEmpty() && bySex == 0) {
            e.add("women", "strategy.error.noParticipants");
        }
        List<Long> known = strategy.priorities(versionId).stream().map(Priority::id).toList();
        Map<Long, Integer> points = new LinkedHashMap<>();
        for (Map.Entry<Long, String> p : f.points().entrySet()) {
            if (!known.contains(p.getKey())) {
                e.add("points", "strategy.error.badChoice");
            } else if (!p.getValue().isBlank()) {
                int n = count(p.getValue(), "points", e);
                if (n > 0) {
                    points.put(p.getKey(), n);
                }
            }
        }
        return new Consultation(0, versionId, on, f.place().strip(), sex[0], sex[1], sex[2], age[0], age[1],
                age[2], age[3], points, 0);
    }

    /** The priorities by the points the consultations gave them (most first; equal points share a place). */
    public List<Ranked> ranking(long versionId) {
        return store.read(c -> ranking(db.consultations(c, versionId), strategy.db().priorities(c, versionId)));
    }

    /**
     * The ranking as it is shown, for the form that applies it: "priority:place" in order. Applying checks it against
     * the ranking at that moment, so a consultation recorded in between is not applied unseen.
     */
    public static String shown(List<Ranked> ranking) {
        return String.join(",", ranking.stream().map(r -> r.priority().id() + ":" + r.place()).toList());
    }

    /**
     * Makes the consultations' ranking the draft's priority order: each priority's rank becomes its place (equal
     * points, equal rank). {@code shown} and {@code stamp} are what the coordinator saw: if the priorities were
     * edited (the version's content stamp moved) or the ranking changed since, nothing is applied (409).
     */
    public long applyRanking(long versionId, String shown, long stamp, String actor, String address) {
        return store.tx(c -> {
            StrategyVersion v = strategy.db().version(c, versionId).orElseThrow(Problem::notFound);
            if (!v.isDraft()) {
                throw Problem.conflict("strategy.error.readOnly", Integer.toString(v.number()));
            }
            List<Consultation> held = db.consultations(c, versionId);
            if (held.isEmpty()) {
                throw Problem.invalid("strategy.error.noConsultation");
            }
            List<Ranked> ranking = ranking(held, strategy.db().priorities(c, versionId));
            if (v.stamp() != stamp || !shown(ranking).equals(shown)) {
                throw Problem.conflict("platform.error.editedMeanwhile");
            }
            strategy.draft(c, versionId);
            for (Ranked r : ranking) {
                strategy.db().setRank(c, r.priority().id(), r.place());
            }
            strategy.log(c, actor, address, "strategy.priority.update", "strategy_version", versionId,
                    "ranks from the consultations " + shown);
            return versionId;
        });
    }

    private static List<Ranked> ranking(List<Consultation> held, List<Priority> priorities) {
        Map<Long, Integer> total = new LinkedHashMap<>();
        for (Consultation k : held) {
            k.points().forEach((p, n) -> total.merge(p, n, Math::addExact));
        }
        List<Priority> ps = new ArrayList<>(priorities);
        ps.sort(Comparator.comparingInt((Priority p) -> -total.getOrDefault(p.id(), 0)).thenComparingInt(Priority::rank));
        List<Ranked> out = new ArrayList<>();
        int place = 0;
        int last = -1;
        for (int i = 0; i < ps.size(); i++) {
            int n = total.getOrDefault(ps.get(i).id(), 0);
            if (n != last) {
                place = i + 1;
                last = n;
            }
            out.add(new Ranked(ps.get(i), n, place));
        }
        return out;
    }

    private static int count(String typed, String field, FieldErrors e) {
        long n = Form.wholeNumber(typed == null || typed.isBlank() ? "0" : typed);
        if (n < 0 || n > MAX_COUNT) {
            e.add(field, "strategy.error.count");
            return 0;
        }
        return (int) n;
    }

    private void draft(Connection c, long versionId) throws SQLException {
        StrategyVersion v = strategy.db().version(c, versionId).orElseThrow(Problem::notFound);
        if (!v.isDraft()) {
            throw Problem.conflict("strategy.error.readOnly", Integer.toString(v.number()));
        }
    }
}
