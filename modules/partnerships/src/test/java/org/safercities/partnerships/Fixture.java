package org.safercities.partnerships;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.TestKit;
import org.safercities.platform.areas.Area;
import org.safercities.platform.audit.AuditEntry;

/** A demo kit with only this module, as kit.Main wires it, and handles on its services. */
final class Fixture implements AutoCloseable {

    static final String PASSWORD = "demo-city-2026";
    final TestKit kit;
    private final PlatformServices[] platform;

    private Fixture(TestKit kit, PlatformServices[] platform) {
        this.kit = kit;
        this.platform = platform;
    }

    static Fixture demo() throws IOException {
        PlatformServices[] holder = new PlatformServices[1];
        Kit.ModuleSpec spec = new Kit.ModuleSpec("partnerships", p -> {
            holder[0] = p;
            return new PartnershipsModule(p);
        });
        return new Fixture(TestKit.start(Files.createTempDirectory("partnerships-test"), Map.of("demo", "true"), List.of(spec)),
                holder);
    }

    PlatformServices platform() {
        return platform[0];
    }

    PartnershipService service() {
        return kit.kit.modules().stream().filter(m -> m instanceof PartnershipsModule)
                .map(m -> ((PartnershipsModule) m).service()).findFirst().orElseThrow();
    }

    CoalitionService coalition() {
        return kit.kit.modules().stream().filter(m -> m instanceof PartnershipsModule)
                .map(m -> ((PartnershipsModule) m).coalition()).findFirst().orElseThrow();
    }

    Browser as(String who) {
        Browser b = kit.browser();
        b.signIn("demo-" + who, PASSWORD);
        return b;
    }

    List<Area> wards() {
        Area root = platform().areas().root().orElseThrow();
        List<Area> out = new ArrayList<>();
        for (Area d : platform().areas().children(root.id())) {
            out.addAll(platform().areas().children(d.id()));
        }
        return out;
    }

    List<AuditEntry> audit(String action) {
        return platform().audit().page(0, 100_000, action).stream().filter(e -> e.action().equals(action)).toList();
    }

    /** A valid actor form. */
    static ActorForm form(String name, String type, String status, List<Long> areas, List<String> groups) {
        return new ActorForm(name, type, "", "", "3", "3", status, "", areas.stream().map(String::valueOf).toList(), groups);
    }

    @Override
    public void close() throws IOException {
        kit.close();
    }
}
