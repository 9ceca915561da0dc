package org.safercities.platform.web;

import java.time.Instant;

import org.safercities.crypto.Secrets;

/**
 * A browser's session: anonymous (for the CSRF token of the sign-in and set-up forms, and the chosen
 * language) or signed in. Lives in memory only: a restart signs everyone out.
 */
public final class Session {

    private final String id;
    private final Long accountId;
    private final String csrf;
    private final Instant created;
    private volatile Instant lastSeen;
    private volatile String lang;
    private volatile String flash;
    private final java.util.Map<String, byte[]> shells = new java.util.concurrent.ConcurrentHashMap<>();

    Session(Long accountId, String lang, Instant now) {
        this.id = Secrets.token(16); // 128 bits
        this.csrf = Secrets.token(16);
        this.accountId = accountId;
        this.lang = lang;
        this.created = now;
        this.lastSeen = now;
    }

    public String id() {
        return id;
    }

    public Long accountId() {
        return accountId;
    }

    public boolean signedIn() {
        return accountId != null;
    }

    public String csrf() {
        return csrf;
    }

    public Instant created() {
        return created;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    void touch(Instant now) {
        lastSeen = now;
    }

    public String lang() {
        return lang;
    }

    public void lang(String lang) {
        this.lang = lang;
    }

    /** A one-time notice shown on the next page (after a 303 redirect). */
    public void flash(String text) {
        this.flash = text;
    }

    boolean hasFlash() {
        return flash != null;
    }

    /**
     * The page shell (header, menu, languages) as rendered for this session, by language, path and title: the
     * same bytes for every request of that kind, since the session's user and token do not change.
     */
    byte[] shell(String key) {
        return shells.get(key);
    }

    void shell(String key, byte[] html) {
        if (shells.size() >= 32) {
            shells.clear(); // a handful of pages are used at a time: no need for an LRU
        }
        shells.put(key, html);
    }

    String takeFlash() {
        String f = flash;
        flash = null;
        return f;
    }
}
