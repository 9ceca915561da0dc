package org.safercities.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.safercities.crypto.OpenPgp;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.links.ModuleLinks;
import org.safercities.platform.links.NationalProfile;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.FieldErrors;

/**
 * The public keys the office holds, of both kinds: recipients (the exports are encrypted to every one of them) and
 * known senders (a received export is accepted only when signed by one of them; exchange-in reads them with
 * {@code ExchangeStore.keys(c, SENDER)}). The kit profile's recipients, when the kit runs one, are recipients too:
 * listed as such, never stored, never deleted here. Every key is read with {@link OpenPgp#readPublicKey}: junk,
 * secret keys, keys that cannot be used and, for a recipient, keys that cannot encrypt are refused.
 */
final class KeyBook {

    static final String RECIPIENT = "recipient";
    static final String SENDER = "sender";
    /** An armoured public key is a few kilobytes; a keyring with many signatures a few hundred. */
    static final int MAX_BYTES = 256 * 1024;
    static final int LABEL_MAX = 200;

    /** A key as the keys page lists it; {@code id} is null for a key of the kit profile. */
    record Entry(Long id, String kind, String label, String fingerprint, String userId, Instant added,
            boolean fromProfile, String armoured) {

        String grouped() {
            return OpenPgp.grouped(fingerprint);
        }
    }

    private final Store store;
    private final AuditLog audit;
    private final ExchangeStore sql;
    private final ModuleLinks links;
    private final Clock clock;

    KeyBook(Store store, AuditLog audit, ExchangeStore sql, ModuleLinks links, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.sql = sql;
        this.links = links;
        this.clock = clock;
    }

    static boolean kind(String kind) {
        return RECIPIENT.equals(kind) || SENDER.equals(kind);
    }

    /** The stored keys of one kind; for recipients, the kit profile's first (those the office cannot delete). */
    List<Entry> list(String kind) {
        List<Entry> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        if (RECIPIENT.equals(kind)) {
            for (Entry e : profileRecipients()) {
                if (seen.add(e.fingerprint())) {
                    out.add(e);
                }
            }
        }
        for (ExchangeStore.StoredKey k : store.read(c -> sql.keys(c, kind))) {
            if (seen.add(k.fingerprint())) {
                out.add(new Entry(k.id(), k.kind(), k.label(), k.fingerprint(), k.userId(), k.addedAt(), false, k.armoured()));
            }
        }
        return out;
    }

    /** The kit profile's recipients that read as usable encryption keys (a broken one is left out, not fatal). */
    List<Entry> profileRecipients() {
        List<Entry> out = new ArrayList<>();
        Optional<NationalProfile> profile = links.find(NationalProfile.class);
        if (profile.isEmpty()) {
            return out;
        }
        for (NationalProfile.Recipient r : profile.get().recipients()) {
            try {
                OpenPgp.KeyInfo info = OpenPgp.readPublicKey(r.armouredPublicKey());
                if (info.canEncrypt()) {
                    out.add(new Entry(null, RECIPIENT, r.label(), info.fingerprint(), info.userId(), info.created(), true,
                            r.armouredPublicKey()));
                }
            } catch (OpenPgp.PgpException e) {
                // the profile was signed by the national forum and checked at set-up; a key it holds that no longer
                // reads (expired) is simply not a recipient
            }
        }
        return out;
    }

    /** What a refused key gets: the field errors to show (field "key" or "label"). */
    FieldErrors add(String kind, String label, byte[] bytes, String officeFingerprint, String actor, String address) {
        FieldErrors e = new FieldErrors();
        String typedLabel = label == null ? "" : label.strip();
        if (typedLabel.length() > LABEL_MAX) {
            e.add("label", "exchange.keys.labelTooLong", LABEL_MAX);
        }
        if (bytes == null || bytes.length == 0) {
            return e.add("key", "exchange.keys.empty");
        }
        if (bytes.length > MAX_BYTES) {
            return e.add("key", "exchange.keys.tooLarge", MAX_BYTES / 1024);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.contains("-----BEGIN PGP PRIVATE KEY BLOCK-----")) {
            return e.add("key", "exchange.keys.secret");
        }
        OpenPgp.KeyInfo info;
        try {
            info = OpenPgp.readPublicKey(text);
        } catch (OpenPgp.PgpException x) {
            return e.add("key", switch (x.reason()) {
                case BAD_KEY -> x.getMessage() != null && x.getMessage().contains("secret key") ? "exchange.keys.secret"
                        : "exchange.keys.unusable";
                default -> "exchange.keys.notKey";
            });
        }
        if (RECIPIENT.equals(kind) && !info.canEncrypt()) {
            return e.add("key", "exchange.keys.cannotEncrypt");
        }
        if (SENDER.equals(kind) && !info.canSign()) {
            return e.add("key", "exchange.keys.cannotSign");
        }
        if (info.fingerprint().equals(officeFingerprint)) {
            return e.add("key", "exchange.keys.ownKey");
        }
        if (list(kind).stream().anyMatch(k -> k.fingerprint().equals(info.fingerprint()))) {
            return e.add("key", "exchange.keys.duplicate", OpenPgp.grouped(info.fingerprint()));
        }
        if (!e.isEmpty()) {
            return e;
        }
        String name = typedLabel.isEmpty() ? info.userId() : typedLabel;
        String shortName = name.length() > LABEL_MAX ? name.substring(0, LABEL_MAX) : name;
        store.tx(c -> {
            long id = sql.insertKey(c, kind, shortName, info.fingerprint(), info.userId(), text, clock.instant());
            audit.append(c, new AuditLog.Event(actor, address, "exchange.key.create", "exchange_key", Long.toString(id),
                    "ok", kind + " " + info.fingerprint() + " " + shortName));
            return id;
        });
        return e;
    }

    /** Deletes a stored key of this kind; false when there is none (a profile's key has no id to delete). */
    boolean delete(String kind, long id, String actor, String address) {
        return store.tx(c -> {
            Optional<ExchangeStore.StoredKey> gone = sql.deleteKey(c, kind, id);
            if (gone.isPresent()) {
                audit.append(c, new AuditLog.Event(actor, address, "exchange.key.delete", "exchange_key",
                        Long.toString(id), "ok", kind + " " + gone.get().fingerprint() + " " + gone.get().label()));
            }
            return gone.isPresent();
        });
    }

    /** The armoured keys an export is encrypted to: the profile's and the stored recipients, once each. */
    List<Entry> recipients() {
        return list(RECIPIENT);
    }
}
