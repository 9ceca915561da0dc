package org.safercities.partnerships;

import java.util.List;
import java.util.Optional;

import org.safercities.platform.links.ActorDirectory;

/** What partnerships publishes for other modules (strategy's lead and supporting partners): no contact details. */
final class PublishedActors implements ActorDirectory {

    private final PartnershipService service;

    PublishedActors(PartnershipService service) {
        this.service = service;
    }

    @Override
    public List<ActorRef> actors() {
        return service.actors().stream().map(PublishedActors::ref).toList();
    }

    @Override
    public Optional<ActorRef> actor(long id) {
        return service.actor(id).map(PublishedActors::ref);
    }

    private static ActorRef ref(Actor a) {
        return new ActorRef(a.id(), a.name(), a.type());
    }
}
