package org.safercities.partnerships;

/** The contact person of an actor: personal data, shown to staff only and never exported. */
public record Contact(long actorId, String personName, String phone, String email) {
}
