package org.safercities.platform.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.safercities.platform.Browser;
import org.safercities.platform.MenuEntry;
import org.safercities.platform.TestKit;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.i18n.Messages;
import org.safercities.platform.i18n.Translator;

/** The menu grouped by process step, and the city's name in the header in the reader's language. */
class MenuTest {

    private static final Translator EN = Messages.load(List.of("platform"), MenuTest.class.getClassLoader(), null)
            .translator("en");

    @Test
    @SuppressWarnings("unchecked")
    void entriesGoToTheirStepWhicheverModuleAddedThemAndOnlyTheCurrentStepIsOpen() {
        MenuEntry home = new MenuEntry("platform.menu.home", "/", 0, Role.ALL);
        MenuEntry later = new MenuEntry("platform.menu.audit", "/review/report", 6, Role.ALL);
        MenuEntry city = new MenuEntry("platform.menu.city", "/city", 0, Role.STAFF);
        MenuEntry indicators = new MenuEntry("platform.menu.areas", "/monitoring", 5, Role.ALL);
        MenuEntry values = new MenuEntry("platform.menu.backups", "/monitoring/values", 5, Role.ADMINS);
        // the order modules add their entries in is not the step order
        List<MenuEntry> all = List.of(home, later, city, indicators, values);

        Map<String, Object> m = Pages.menu(EN, Role.COORDINATOR, all, indicators);
        List<Pages.MenuItem> top = (List<Pages.MenuItem>) m.get("top");
        List<Pages.MenuGroup> groups = (List<Pages.MenuGroup>) m.get("groups");
        assertEquals(List.of("/"), top.stream().map(Pages.MenuItem::path).toList(), "the home page stands alone");
        assertEquals(List.of(0, 5, 6), groups.stream().map(Pages.MenuGroup::number).toList(), "in step order");
        assertEquals(List.of("Set-up", "Monitoring and evaluation", "Review and exchange"),
                groups.stream().map(Pages.MenuGroup::label).toList(), "named like the home page's steps");
        assertEquals(List.of(false, true, false), groups.stream().map(Pages.MenuGroup::open).toList());
        assertEquals(List.of("/monitoring"), groups.get(1).items().stream().map(Pages.MenuItem::path).toList(),
                "an entry of a role the reader lacks is left out");
        assertTrue(groups.get(1).items().get(0).current());

        Map<String, Object> partner = Pages.menu(EN, Role.PARTNER_VIEWER, all, null);
        assertFalse(((List<Pages.MenuGroup>) partner.get("groups")).stream().anyMatch(Pages.MenuGroup::open),
                "no current entry, no open step");
        assertThrows(IllegalArgumentException.class, () -> new MenuEntry("x", "/x", 7, Role.ALL));
    }

    @Test
    void theShellShowsTheStepsAsDisclosuresWithTheCurrentOneOpenAndTheCityInTheReadersLanguage() throws Exception {
        try (TestKit kit = TestKit.demo()) {
            Browser b = kit.signedIn("demo-admin", "demo-city-2026");
            String audit = b.get("/audit").body();
            String nav = audit.substring(audit.indexOf("<nav class=\"side\""), audit.indexOf("</nav>"));
            Matcher open = Pattern.compile("<details open><summary><span class=\"n\">(\\d)</span> ([^<]+)</summary>").matcher(nav);
            assertTrue(open.find(), nav);
            assertEquals("0", open.group(1));
            assertEquals("Set-up", open.group(2));
            assertFalse(open.find(), "one step open");
            assertTrue(nav.contains("<a href=\"/audit\" aria-current=\"page\">Audit log</a>"), nav);
            assertTrue(audit.contains("<span class=\"city\">Demo City</span>"));

            b.post("/language", Map.of("lang", "ar", "next", "/"));
            String ar = b.get("/").body();
            assertTrue(ar.contains("<span class=\"city\">مدينة تجريبية</span>"), "the header follows the language");
            assertTrue(ar.contains("<summary><span class=\"n\">0</span> الإعداد</summary>")
                    || ar.contains("</span> " + kit.kit.messages().translator("ar").t("platform.step.0.name") + "</summary>"));
            b.post("/language", Map.of("lang", "es", "next", "/"));
            assertTrue(b.get("/").body().contains("<span class=\"city\">Ciudad de demostración</span>"),
                    "the shell's cache is per name: switching back and forth never shows the other language's");
            b.post("/language", Map.of("lang", "en", "next", "/"));
            assertTrue(b.get("/").body().contains("<span class=\"city\">Demo City</span>"), "no English name: the main one");
        }
    }
}
