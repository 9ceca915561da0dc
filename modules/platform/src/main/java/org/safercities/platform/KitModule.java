package org.safercities.platform;

import java.util.List;
import java.util.Map;

import io.helidon.webserver.http.HttpRouting;

import org.safercities.platform.store.Migrator.ModuleMigrations;

/**
 * What a feature module contributes to the kit. {@code kit.Main} builds every module from platform services
 * and calls these; the platform knows no feature module. A kit profile can switch a module off, and every
 * module must work when the others are absent.
 *
 * <p>Later issues add the module's share of the periodic export here.
 */
public interface KitModule {

    /** Short lower-case name: the migration folder {@code db/<name>/}, the message key prefix, the table prefix. */
    String name();

    /** Append-only migration files in {@code db/<name>/}, e.g. {@code V001__create_incident.sql}. */
    List<String> migrationFiles();

    default ModuleMigrations migrations() {
        return new ModuleMigrations(name(), migrationFiles());
    }

    /** Registers the module's routes. The routing table of each module lists all its paths at the top. */
    void routing(HttpRouting.Builder routing);

    /** Entries of the main navigation, shown to the roles they name. */
    List<MenuEntry> menu();

    /**
     * Browser files the module ships (its pictures' scripts): name under /assets → classpath resource. Served
     * from memory with the platform's own; the chart library is already there as {@code echarts.min.js}.
     */
    default Map<String, String> assets() {
        return Map.of();
    }

    /** Called once the store is open and migrated: warm caches here, not at construction. */
    default void storeReady() {
    }

    /** Adds the module's synthetic demo data to a freshly set-up demo city. */
    default void loadDemo(DemoCity city) {
    }
}
