package org.safercities.platform;

import java.util.List;

/** Lets tests in other packages read the platform's migration list. */
public final class PlatformModuleAccess {

    private PlatformModuleAccess() {
    }

    public static List<String> migrations() {
        return PlatformModule.MIGRATIONS.stream().sorted().toList();
    }
}
