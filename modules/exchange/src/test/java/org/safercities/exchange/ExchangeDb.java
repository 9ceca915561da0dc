package org.safercities.exchange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.safercities.platform.store.DataFolder;
import org.safercities.platform.store.Migrator;
import org.safercities.platform.store.Store;

/**
 * A real Derby database in a temporary data folder with the platform's tables (the audit log among them) and the
 * exchange tables: the fixture of the store and service tests.
 */
final class ExchangeDb implements AutoCloseable {

    final Path dir;
    final Store store;
    final DataFolder folder;

    ExchangeDb() throws Exception {
        dir = Files.createTempDirectory("exchange-db");
        folder = new DataFolder(dir).lock();
        store = new Store(folder, 2);
        store.create(null);
        new Migrator(store, getClass().getClassLoader()).migrate(List.of(
                new Migrator.ModuleMigrations("platform", List.of("V001__create_city_and_areas.sql",
                        "V002__create_accounts_and_audit.sql", "V003__create_setting.sql")),
                new Migrator.ModuleMigrations("exchange", List.of("V001__create_exchange.sql"))));
    }

    @Override
    public void close() throws Exception {
        store.close();
        folder.close();
        DataFolder.deleteTree(dir);
    }
}
