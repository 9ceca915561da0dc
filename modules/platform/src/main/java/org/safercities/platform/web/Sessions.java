package org.safercities.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions in memory, with idle and absolute time-outs. */
public final class Sessions {

    public static final String COOKIE = "sck_session";
    private static final int MAX_SESSIONS = 20_000;
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Duration absolute;
    private final Clock clock;
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    private volatile Instant lastPurge;

    public Sessions(Duration idle, Duration absolute, Clock clock) {
        this.idle = idle;
        this.absolute = absolute;
        this.clock = clock;
        this.lastPurge = clock.instant();
    }

    public Session anonymous(String lang) {
        return add(new Session(null, lang, clock.instant()));
    }

    /** Signs in: a new id (the old one, which a page may have leaked before sign-in, is ended). */
    public Session signIn(Session before, long accountId) {
        if (before != null) {
            byId.remove(before.id());
        }
        return add(new Session(accountId, before == null ? null : before.lang(), clock.instant()));
    }

    private Session add(Session s) {
        Instant now = clock.instant();
        if (now.isAfter(lastPurge.plus(PURGE_EVERY))) {
            // a session whose cookie never comes back (browser closed, signed in elsewhere) is found expired only
            // here: without it, a kit running for weeks kept every abandoned session and its cached page shells
            lastPurge = now;
            purge();
        }
        if (byId.size() >= MAX_SESSIONS) {
            purge();
            if (byId.size() >= MAX_SESSIONS) {
                byId.values().stream().filter(x -> !x.signedIn()).map(Session::id).limit(MAX_SESSIONS / 10)
                        .toList().forEach(byId::remove);
            }
        }
        byId.put(s.id(), s);
        return s;
    }

    /** The live session with this id, touched; expired ones are ended. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            byId.remove(id);
            return Optional.empty();
        }
        s.touch(now);
        return Optional.of(s);
    }

    private boolean expired(Session s, Instant now) {
        return now.isAfter(s.lastSeen().plus(idle)) || now.isAfter(s.created().plus(absolute));
    }

    public void end(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** Ends every session of an account (sign-out everywhere, account disabled, password changed). */
    public void endAllFor(long accountId) {
        byId.values().removeIf(s -> s.signedIn() && s.accountId() == accountId);
    }

    public void purge() {
        Instant now = clock.instant();
        byId.values().removeIf(s -> expired(s, now));
    }

    public int size() {
        return byId.size();
    }
}
