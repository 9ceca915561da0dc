package org.safercities.platform;

import org.safercities.platform.areas.AreaService;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.links.ModuleLinks;
import org.safercities.platform.setup.CityService;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Uploads;

/**
 * What the platform hands to each feature module when {@code kit.Main} builds it. {@code links} is where
 * modules publish and find each other's small public APIs.
 */
public record PlatformServices(KitConfig config, Store store, AuditLog audit, AreaService areas, CityService city,
        Pages pages, Uploads uploads, ModuleLinks links) {
}
