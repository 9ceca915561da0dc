package org.safercities.platform.web;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.MenuEntry;
import org.safercities.platform.accounts.Account;
import org.safercities.platform.i18n.Messages;
import org.safercities.platform.i18n.Translator;

/**
 * Renders a page: the module's template inside the shell. A template sees {@code layout} (shell), {@code page}
 * (the handler's page record) and {@code t} (messages: {@code {{#t}}key{{/t}}}). Templates hold no literal
 * user-facing text and never build URLs or numbers by hand.
 */
public final class Pages {

    private final MustacheFactory mustaches = new DefaultMustacheFactory("templates");
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();
    private final Shell shell;

    public Pages(Shell shell) {
        this.shell = shell;
    }

    public record MenuItem(String label, String path, boolean current) {
    }

    public record LanguageItem(String code, String name, boolean selected) {
    }

    public record Step(int number, String label, String sources) {
    }

    public record Layout(String lang, String dir, String title, String cityName, boolean demo, String version,
            String csrf, String userName, String roleLabel, boolean signedIn, List<MenuItem> menu,
            List<LanguageItem> languages, String flash, String path, Step step) {
    }

    public record View(Layout layout, Object page, Function<String, String> t) {
    }

    public void render(ServerResponse res, Visit visit, String path, String template, String titleKey, Object page) {
        render(res, Status.OK_200, visit, path, template, titleKey, page);
    }

    public void render(ServerResponse res, Status status, Visit visit, String path, String template, String titleKey,
            Object page) {
        Translator t = visit.t();
        Layout layout = layout(visit, path, t.t(titleKey));
        StringWriter out = new StringWriter(8192);
        mustache(template).execute(out, new View(layout, page, t.lambda()));
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
        res.send(out.toString());
    }

    /** Renders a template to a string (documents, e-mails of later issues, tests). */
    public String renderString(String template, Object scope) {
        StringWriter out = new StringWriter(4096);
        mustache(template).execute(out, scope);
        return out.toString();
    }

    private Mustache mustache(String template) {
        return compiled.computeIfAbsent(template, name -> mustaches.compile(name + ".mustache"));
    }

    private Layout layout(Visit visit, String path, String title) {
        Translator t = visit.t();
        Shell.CityBanner city = shell.city();
        Account account = visit.account().orElse(null);
        List<MenuItem> menu = new ArrayList<>();
        MenuEntry current = null;
        if (account != null) {
            for (MenuEntry e : shell.menu()) {
                if (e.roles().contains(account.role())) {
                    boolean here = path.equals(e.path()) || (!e.path().equals("/") && path.startsWith(e.path()));
                    if (here && (current == null || e.path().length() > current.path().length())) {
                        current = e;
                    }
                    menu.add(new MenuItem(t.t(e.labelKey()), e.path(), false));
                }
            }
            if (current != null) {
                MenuEntry c = current;
                menu.replaceAll(m -> m.path().equals(c.path()) ? new MenuItem(m.label(), m.path(), true) : m);
            }
        }
        List<LanguageItem> languages = new ArrayList<>();
        Messages messages = shell.messages();
        for (String lang : messages.languages()) {
            languages.add(new LanguageItem(lang, Translator.nativeName(lang), lang.equals(t.lang())));
        }
        int stepNumber = current == null ? 0 : current.step();
        Step step = new Step(stepNumber, t.t("platform.layout.step", stepNumber, t.t("platform.step." + stepNumber + ".name")),
                t.t("platform.step." + stepNumber + ".sources"));
        String flash = visit.sessionOrNull() == null ? null : visit.sessionOrNull().takeFlash();
        return new Layout(t.lang(), t.dir(), title, city.name(), city.demo(), shell.version(),
                visit.csrf(), account == null ? null : account.displayName(),
                account == null ? null : t.t(account.role().labelKey()), account != null, menu, languages, flash, path,
                step);
    }
}
