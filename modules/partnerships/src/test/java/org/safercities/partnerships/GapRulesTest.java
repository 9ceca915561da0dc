package org.safercities.partnerships;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.safercities.platform.areas.Area;

/** The gap rules against hand-built coalitions, through the service on a real store (the demo city's areas). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GapRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    private Fixture f;
    private PartnershipService s;

    @BeforeAll
    void start() throws Exception {
        f = Fixture.demo();
        s = f.service();
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
    }

    @BeforeEach
    void emptyCoalition() {
        s.actors().forEach(a -> s.delete(a.id(), "test", "-"));
    }

    private long add(String type, String status, List<Long> areas, List<String> groups) {
        return s.create(Fixture.form(type + " " + status, type, status, areas, groups), "test", "-");
    }

    private Set<String> rules() {
        return s.gaps(TODAY).stream().map(g -> g.rule() + ":" + g.subject()).collect(Collectors.toSet());
    }

    private Set<String> wardGaps() {
        return rules().stream().filter(r -> r.startsWith("area:")).collect(Collectors.toSet());
    }

    @Test
    void anEmptyCoalitionHasEveryGap() {
        Set<String> r = rules();
        for (Area w : f.wards()) {
            assertTrue(r.contains("area:" + w.id()), "ward " + w.name());
        }
        assertEquals(f.wards().size(), wardGaps().size(), "only the lowest-level areas are listed");
        for (String g : Codes.GROUPS) {
            assertTrue(r.contains("group:" + g));
        }
        assertTrue(r.containsAll(Set.of("women_led:", "youth_led:", "police_justice:")));
        assertEquals(f.wards().size() + Codes.GROUPS.size() + 3, s.gaps(TODAY).size());
    }

    @Test
    void anActorCoveringAnAreaCoversTheAreasWithinIt() {
        Area root = f.platform().areas().root().orElseThrow();
        Area district = f.platform().areas().children(root.id()).get(0);
        List<Area> within = f.platform().areas().children(district.id());
        add("ngo", "engaged", List.of(district.id()), List.of());
        for (Area w : within) {
            assertFalse(wardGaps().contains("area:" + w.id()));
        }
        assertEquals(f.wards().size() - within.size(), wardGaps().size());
        add("international", "engaged", List.of(root.id()), List.of());
        assertTrue(wardGaps().isEmpty(), "the whole city is covered");
    }

    @Test
    void onlyEngagedActorsCount() {
        Area ward = f.wards().get(0);
        for (String status : List.of("invited", "not_contacted", "withdrawn")) {
            add("women_led", status, List.of(ward.id()), List.copyOf(Codes.GROUPS));
            add("youth_led", status, List.of(), List.of());
            add("police_justice", status, List.of(), List.of());
        }
        assertEquals(f.wards().size() + Codes.GROUPS.size() + 3, s.gaps(TODAY).size(), "no engaged actor: every gap stays");
        add("women_led", "engaged", List.of(ward.id()), List.of("women_girls"));
        Set<String> r = rules();
        assertFalse(r.contains("area:" + ward.id()));
        assertFalse(r.contains("group:women_girls"));
        assertFalse(r.contains("women_led:"));
        assertTrue(r.contains("youth_led:") && r.contains("police_justice:") && r.contains("group:older_persons"));
    }

    @Test
    void aFullCoalitionHasNoGaps() {
        Area root = f.platform().areas().root().orElseThrow();
        add("women_led", "engaged", List.of(root.id()), List.of("women_girls", "persons_disabilities"));
        add("youth_led", "engaged", List.of(), List.of("children_youth"));
        add("police_justice", "engaged", List.of(), List.of());
        add("ngo", "engaged", List.of(), List.of("older_persons", "indigenous_peoples", "migrants_displaced"));
        assertEquals(List.of(), s.gaps(TODAY));
        String page = f.as("coordinator").get("/partnerships/gaps").body();
        assertTrue(page.contains("No gaps"));
    }

    @Test
    void aCommitmentPastItsEndDateAndNotKeptIsAGap() {
        long a = add("ngo", "invited", List.of(), List.of());
        long late = s.addCommitment(a, new CommitmentForm("resources", "Light the market street", "", "2026-06-14", false), "test", "-");
        s.addCommitment(a, new CommitmentForm("resources", "Kept on time", "", "2026-01-01", true), "test", "-");
        s.addCommitment(a, new CommitmentForm("resources", "Due today", "", "2026-06-15", false), "test", "-");
        s.addCommitment(a, new CommitmentForm("resources", "Due later", "", "2027-01-01", false), "test", "-");
        Set<String> r = rules();
        assertEquals(Set.of("commitment:" + late), r.stream().filter(x -> x.startsWith("commitment:")).collect(Collectors.toSet()),
                "only the one past its end date and not kept, whatever the actor's engagement");
        assertTrue(s.gaps(LocalDate.of(2026, 6, 16)).stream().filter(g -> g.rule().equals("commitment")).count() == 2,
                "the next day, the one due today is late too");
        s.deleteCommitment(late, "test", "-");
        assertTrue(rules().stream().noneMatch(x -> x.startsWith("commitment:")));
    }

    @Test
    void eachGapHasAnExplainingSentence() {
        Area ward = f.wards().get(3);
        long a = add("ngo", "engaged", List.of(), List.of());
        // the page judges against the real today: a date relative to it, shown as the English bundle formats it
        LocalDate lastMonth = LocalDate.now().minusMonths(1);
        s.addCommitment(a, new CommitmentForm("resources", "Fund <b>ten</b> street lights", "", lastMonth.toString(), false), "test", "-");
        String page = f.as("analyst").get("/partnerships/gaps").body();
        String shown = java.time.format.DateTimeFormatter
                .ofLocalizedDate(java.time.format.FormatStyle.MEDIUM).withLocale(java.util.Locale.ENGLISH).format(lastMonth);
        assertTrue(page.contains("ngo engaged committed to “Fund &lt;b&gt;ten&lt;/b&gt; street lights” by " + shown
                + "; that date has passed"), page);
        assertTrue(page.contains("No engaged actor covers " + ward.name() + ", neither directly nor through an area that contains it."));
        assertTrue(page.contains("No engaged actor serves this target group: Older persons."));
        assertTrue(page.contains("No youth-led organisation is engaged."));
        assertTrue(page.contains("No police or justice partner is engaged."));
    }
}
