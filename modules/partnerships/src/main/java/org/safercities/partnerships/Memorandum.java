package org.safercities.partnerships;

import java.time.LocalDate;
import java.util.List;

/** A memorandum of understanding: its parties (actor ids), when signed, until when, where the document is. */
public record Memorandum(long id, String title, LocalDate signedOn, LocalDate expiresOn, String documentRef,
        List<Long> parties) {

    /** Past its expiry date on {@code today} (one without an expiry date never expires). */
    public boolean expired(LocalDate today) {
        return expiresOn != null && expiresOn.isBefore(today);
    }
}
