package org.safercities.platform.accounts;

import java.time.Instant;

/** A person who signs in. The password hash never leaves {@link AccountStore} and {@link AccountService}. */
public record Account(long id, String username, String displayName, Role role, String lang, boolean active,
        Instant createdAt, int version) {
}
