package org.safercities.platform.backup;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.Json;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/** Backups, for the administrator: settings, "back up now" with progress, the list of backups. */
public final class BackupRoutes implements HttpService {

    private final Backups backups;
    private final Pages pages;

    public record FileRow(String name, String size, String when) {
    }

    public record BackupsPage(String folder, String keep, String hour, boolean running, String last, String lastError,
            List<FileRow> files, String restoreCommand, String error) {
    }

    public BackupRoutes(Backups backups, Pages pages) {
        this.backups = backups;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/backups", this::show)
                .get("/backups/status", this::status)
                .post("/backups/now", this::now)
                .post("/backups/settings", this::settings);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ADMINS);
        render(res, v, null);
    }

    private void render(ServerResponse res, Visit v, String error) {
        Translator t = v.t();
        Backups.Settings saved = backups.settings();
        // a refused form shows what was typed, not what is saved
        String typedFolder = error == null ? saved.folder().toString() : v.form().get("folder");
        String typedKeep = error == null ? Integer.toString(saved.keep()) : v.form().get("keep");
        String typedHour = error == null ? Integer.toString(saved.dailyHour()) : v.form().get("hour");
        Backups.Status st = backups.status();
        List<FileRow> files = Backups.list(saved.folder()).stream()
                .map(f -> new FileRow(f.name(), t.number(Math.max(1, f.size() / 1024)) + " KB", t.dateTime(f.modified()))).toList();
        String last = st.lastAt() == null ? null : t.t("platform.backups.last", t.dateTime(st.lastAt()), st.lastFile());
        pages.render(res, error == null ? io.helidon.http.Status.OK_200 : io.helidon.http.Status.create(422), v, "/backups",
                "platform/backups", "platform.backups.title",
                new BackupsPage(typedFolder, typedKeep, typedHour, st.running(), last,
                        st.lastErrorKey() == null ? null : t.t(st.lastErrorKey(), saved.folder().toString()), files,
                        "java -jar safercities-kit.jar restore " + saved.folder().resolve("safercities-backup-….zip"), error));
    }

    private void status(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ADMINS);
        Backups.Status st = backups.status();
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.object(Map.of("running", st.running(), "bytes", st.bytesDone(),
                "text", st.running() ? v.t().t("platform.backups.running", v.t().number(st.bytesDone() / 1024)) : "")));
    }

    private void now(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ADMINS);
        if (!backups.startNow(v.actor(), v.address())) {
            v.flash("platform.backups.alreadyRunning");
        }
        Visit.redirect(res, "/backups");
    }

    private void settings(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ADMINS);
        try {
            Path folder = Path.of(v.form().get("folder"));
            int keep = Integer.parseInt(v.form().get("keep"));
            int hour = Integer.parseInt(v.form().get("hour"));
            backups.saveSettings(new Backups.Settings(folder, keep, hour), v.actor(), v.address());
        } catch (InvalidPathException | NumberFormatException e) {
            render(res, v, v.t().t("platform.backups.badNumbers"));
            return;
        } catch (Problem p) {
            if (p.status() != 422) {
                throw p;
            }
            render(res, v, v.t().t(p.messageKey(), p.args()));
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/backups");
    }
}
