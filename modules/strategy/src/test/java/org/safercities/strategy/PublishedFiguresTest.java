package org.safercities.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.safercities.platform.Kit;
import org.safercities.platform.TestKit;
import org.safercities.platform.links.StrategyFigures;

/** StrategyFigures: the budget spread over areas and years (pure), and as published on the demo city (real Derby). */
class PublishedFiguresTest {

    static final StrategyVersion VERSION = new StrategyVersion(1, 3, "adopted", "A safer city", 2024, 2028,
            LocalDate.of(2024, 2, 1), "c", "D-1", null, 0, List.of(), 1);

    static Action action(long id, LocalDate start, LocalDate end, String status, Long... areas) {
        return new Action(id, 1, "o" + id, null, "a" + id, "", "primary", "social", List.of(), "", start, end, status,
                Action.HarmReview.NONE, 0, List.of(areas), null, List.of(), List.of(), Action.Reach.NONE, List.of(),
                Action.Outcome.NONE);
    }

    @Test
    void aLineIsSpreadEvenlyOverItsYearsExactlyAndPlacedInItsOnlyArea() {
        VersionCache.Content c = new VersionCache.Content(VERSION, List.of(), List.of(),
                List.of(action(1, LocalDate.of(2025, 3, 1), LocalDate.of(2027, 6, 30), "planned", 42L),
                        action(2, null, null, "done", 7L, 8L), action(3, null, LocalDate.of(2026, 1, 1), "done")),
                List.of(new BudgetLine(10, 1, "City budget", "local", 100_001, "KES"),
                        new BudgetLine(11, 2, "Ministry", "national", 5_000, "KES"),
                        new BudgetLine(12, 3, "Donor", "international", 900, "KES"),
                        new BudgetLine(13, 3, "Old line", "local", 77, "USD")));
        List<StrategyFigures.BudgetLine> lines = PublishedFigures.lines(c, "KES");
        assertEquals(List.of(new StrategyFigures.BudgetLine(42L, "local", "City budget", 2025, 33_334),
                new StrategyFigures.BudgetLine(42L, "local", "City budget", 2026, 33_334),
                new StrategyFigures.BudgetLine(42L, "local", "City budget", 2027, 33_333),
                new StrategyFigures.BudgetLine(null, "national", "Ministry", 2024, 5_000),
                new StrategyFigures.BudgetLine(null, "international", "Donor", 2026, 900)), lines,
                "several areas or none: null; no dates: the strategy's first year; only an end: that year; USD left out");
        StrategyFigures.Summary s = PublishedFigures.summary(c, "KES");
        assertEquals(3, s.actions());
        assertEquals(Map.of("planned", 1, "done", 2), s.actionsByStatus());
        assertEquals(Map.of("primary", 3), s.actionsByLevel());
        assertEquals(2024, s.fromYear());
        assertEquals("KES", s.currency());
    }

    @Test
    void theDemosFiguresAreItsStrategyInForceAndAddUpToItsBudget() throws Exception {
        StrategyModule[] module = new StrategyModule[1];
        StrategyFigures[] figures = new StrategyFigures[1];
        try (TestKit kit = TestKit.start(Files.createTempDirectory("strategy-figures"), Map.of("demo", "true"),
                List.of(new Kit.ModuleSpec("strategy", p -> {
                    module[0] = new StrategyModule(p);
                    figures[0] = p.links().find(StrategyFigures.class).orElseThrow();
                    return module[0];
                })))) {
            StrategyService service = module[0].service();
            StrategyVersion v = service.inForce().orElseThrow();
            StrategyFigures.Summary s = figures[0].current().orElseThrow();
            assertEquals(v.number(), s.versionNumber());
            assertEquals(service.actions(v.id()).size(), s.actions());
            assertEquals(service.priorities(v.id()).size(), s.priorities());
            assertEquals(service.currency(), s.currency());
            long total = figures[0].budget().stream().mapToLong(StrategyFigures.BudgetLine::amountMinor).sum();
            assertEquals(StrategyService.total(service.budgetOfVersion(v.id())), total);
            assertTrue(total > 0, "the demo has a budget");
            assertTrue(figures[0].budget().stream().allMatch(b -> b.year() >= 1900 && b.governmentLevel() != null));
            // a revision is a draft: the adopted version stays in force, and its figures with it
            long revision = service.startRevision(v.id(), "test", "127.0.0.1");
            Action first = service.actions(revision).get(0);
            assertTrue(service.addBudget(first.id(), new StrategyService.BudgetForm("Extra", "regional", "1000", ""),
                    "test", "127.0.0.1").ok());
            assertEquals(total, figures[0].budget().stream().mapToLong(StrategyFigures.BudgetLine::amountMinor).sum());
            assertEquals(v.number(), figures[0].current().orElseThrow().versionNumber());
        }
    }
}
