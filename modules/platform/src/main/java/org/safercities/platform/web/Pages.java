package org.safercities.platform.web;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
import org.safercities.platform.i18n.Translator;

/**
 * Renders a page: the module's template inside the shell. A template sees {@code layout} (shell), {@code page}
 * (the handler's page record) and {@code t} (messages: {@code {{#t}}key{{/t}}}). Templates hold no literal
 * user-facing text and never build URLs or numbers by hand.
 */
public final class Pages {

    private static final io.helidon.http.Header HTML = io.helidon.http.HeaderValues.createCached(HeaderNames.CONTENT_TYPE,
            "text/html; charset=UTF-8");
    private final MustacheFactory mustaches = new DefaultMustacheFactory("templates");
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();
    private final Map<String, String> fragments = new ConcurrentHashMap<>();
    private final Map<String, byte[]> bottoms = new ConcurrentHashMap<>();
    private final Shell shell;

    public Pages(Shell shell) {
        this.shell = shell;
    }

    public record MenuItem(String label, String path, boolean current) {
    }

    /**
     * One step of the process in the menu: its entries, open when the current page belongs to it. Built from
     * each entry's {@link MenuEntry#step()}, so a module's entries land in their step without the shell knowing
     * the module.
     */
    public record MenuGroup(int number, String label, boolean open, List<MenuItem> items) {
    }

    public record LanguageItem(String code, String name, boolean selected) {
    }

    public record Step(int number, String label, String sources) {
    }

    /**
     * {@code menuHtml} and {@code languageOptions} are fragments rendered by the kit's own escaping templates
     * ({@code layout/menu}, {@code layout/languages}) and cached per language, role and menu entry: they are
     * the same for every request of that kind, and rendering them each time was most of a page's cost.
     */
    public record Layout(String lang, String dir, String title, String cityName, boolean demo, String version,
            String csrf, String userName, String roleLabel, boolean signedIn, String menuHtml,
            String languageOptions, String flash, String path, Step step, Shell.Brand brand) {
        /** The national profile's branding, or null (the header is then the kit's own). */
        public Shell.Brand nationalBrand() {
            return brand != null && brand.shown() ? brand : null;
        }
    }

    public record View(Layout layout, Object page, Function<String, String> t) {
    }

    public void render(ServerResponse res, Visit visit, String path, String template, String titleKey, Object page) {
        render(res, Status.OK_200, visit, path, template, titleKey, page);
    }

    public void render(ServerResponse res, Status status, Visit visit, String path, String template, String titleKey,
            Object page) {
        Translator t = visit.t();
        boolean withStep = !template.equals("platform/error");
        byte[] top = top(visit, path, titleKey, withStep);
        PageWriter body = new PageWriter(8 * 1024);
        // the page itself sees the few layout fields forms and captions use (token, title, language)
        Layout forBody = new Layout(t.lang(), t.dir(), t.t(titleKey), "", false, shell.version(), visit.csrf(), null, null,
                visit.signedIn(), "", "", null, path, null, null);
        mustache(template).execute(body, new View(forBody, page, t.lambda()));
        byte[] bottom = bottoms.computeIfAbsent(t.lang(), k -> renderString("layout/bottom",
                new View(forBody, null, t.lambda())).getBytes(StandardCharsets.UTF_8));
        byte[] all = body.utf8(top, bottom);
        res.status(status);
        res.header(HTML);
        res.send(all);
    }

    /**
     * The shell above the page: from the session's cache when this session already had this page in this language
     * (and no one-time notice is waiting), else rendered and kept. The key carries everything the shell shows
     * that can change within a session: language, path, title, and the city banner (replaced on any change).
     */
    private byte[] top(Visit visit, String path, String titleKey, boolean withStep) {
        Translator t = visit.t();
        Session session = visit.session();
        Shell.CityBanner city = shell.city();
        String key = t.lang() + "|" + path + "|" + titleKey + "|" + withStep + "|" + city.nameIn(t.lang()) + "|" + city.demo()
                + "|" + visit.signedIn() + "|" + shell.brand();
        // signed-in sessions only: anyone can make anonymous ones by the thousand (a GET without a cookie)
        boolean cacheable = visit.signedIn() && !session.hasFlash();
        byte[] cached = cacheable ? session.shell(key) : null;
        if (cached != null) {
            return cached;
        }
        Layout layout = layout(visit, path, t.t(titleKey), withStep);
        PageWriter out = new PageWriter(4 * 1024);
        mustache("layout/top").execute(out, new View(layout, null, t.lambda()));
        byte[] html = out.utf8();
        if (cacheable) {
            session.shell(key, html);
        }
        return html;
    }

    /** Renders a template to a string (documents, e-mails of later issues, tests). */
    /** Messages in a language, for what a module writes outside a request (a finding's label for another module). */
    public org.safercities.platform.i18n.Translator translator(String lang) {
        return shell.messages().translator(lang);
    }

    public String renderString(String template, Object scope) {
        StringWriter out = new StringWriter(4096);
        mustache(template).execute(out, scope);
        return out.toString();
    }

    private Mustache mustache(String template) {
        return compiled.computeIfAbsent(template, name -> mustaches.compile(name + ".mustache"));
    }

    /** @param withStep false for error pages: a refusal belongs to no step of the process */
    private Layout layout(Visit visit, String path, String title, boolean withStep) {
        Translator t = visit.t();
        Shell.CityBanner city = shell.city();
        Account account = visit.account().orElse(null);
        MenuEntry current = null;
        if (account != null) {
            for (MenuEntry e : shell.menu()) {
                boolean here = path.equals(e.path()) || (!e.path().equals("/") && path.startsWith(e.path()));
                if (here && e.roles().contains(account.role())
                        && (current == null || e.path().length() > current.path().length())) {
                    current = e;
                }
            }
        }
        String menuHtml = account == null ? "" : menuHtml(t, account, current);
        String languages = fragments.computeIfAbsent("languages|" + t.lang(), k -> renderString("layout/languages",
                Map.of("languages", languageItems(t))));
        int stepNumber = current == null ? 0 : current.step();
        Step step = !withStep ? null : new Step(stepNumber,
                t.t("platform.layout.step", stepNumber, t.t("platform.step." + stepNumber + ".name")),
                t.t("platform.step." + stepNumber + ".sources"));
        String flash = visit.sessionOrNull() == null ? null : visit.sessionOrNull().takeFlash();
        return new Layout(t.lang(), t.dir(), title, city.nameIn(t.lang()), city.demo(), shell.version(),
                visit.csrf(), account == null ? null : account.displayName(),
                account == null ? null : t.t(account.role().labelKey()), account != null, menuHtml, languages, flash, path,
                step, shell.brand());
    }

    private String menuHtml(Translator t, Account account, MenuEntry current) {
        String key = "menu|" + t.lang() + "|" + account.role() + "|" + (current == null ? "" : current.path());
        return fragments.computeIfAbsent(key, k -> renderString("layout/menu", menu(t, account.role(), current)));
    }

    /**
     * The menu a role sees: the home page on its own, then one group per process step (in step order, entries in
     * the order the modules added them), the group of the current entry open.
     */
    static Map<String, Object> menu(Translator t, org.safercities.platform.accounts.Role role, List<MenuEntry> entries,
            MenuEntry current) {
        List<MenuItem> top = new ArrayList<>();
        java.util.TreeMap<Integer, List<MenuItem>> bySteps = new java.util.TreeMap<>();
        boolean[] open = new boolean[MenuEntry.STEPS];
        for (MenuEntry e : entries) {
            if (!e.roles().contains(role)) {
                continue;
            }
            MenuItem item = new MenuItem(t.t(e.labelKey()), e.path(), e == current);
            if (e.path().equals("/")) {
                top.add(item);
            } else {
                bySteps.computeIfAbsent(e.step(), n -> new ArrayList<>()).add(item);
                open[e.step()] |= e == current;
            }
        }
        List<MenuGroup> groups = new ArrayList<>();
        bySteps.forEach((n, items) -> groups.add(new MenuGroup(n, t.t("platform.step." + n + ".name"), open[n],
                items)));
        return Map.of("top", top, "groups", groups);
    }

    private Map<String, Object> menu(Translator t, org.safercities.platform.accounts.Role role, MenuEntry current) {
        return menu(t, role, shell.menu(), current);
    }

    private List<LanguageItem> languageItems(Translator t) {
        List<LanguageItem> languages = new ArrayList<>();
        for (String lang : shell.messages().languages()) {
            languages.add(new LanguageItem(lang, Translator.nativeName(lang), lang.equals(t.lang())));
        }
        return languages;
    }
}
