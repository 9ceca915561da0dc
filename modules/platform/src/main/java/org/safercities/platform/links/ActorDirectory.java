package org.safercities.platform.links;

import java.util.List;
import java.util.Optional;

/** Published by partnerships: the actors of the coalition, for modules that name a partner (lead, supporting). */
public interface ActorDirectory {

    /** An actor as other modules may show it: no contact details, ever. */
    record ActorRef(long id, String name, String type) {
    }

    /** Every actor, by name. */
    List<ActorRef> actors();

    Optional<ActorRef> actor(long id);
}
