package org.safercities.partnerships;

import java.time.LocalDate;

/** A meeting of an actor (the technical group, the coordination centre): when, how many attended, what was decided. */
public record Meeting(long id, long actorId, LocalDate heldOn, int attendees, String decisions) {
}
