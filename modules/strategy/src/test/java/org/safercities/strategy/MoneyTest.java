package org.safercities.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void typedAmountsBecomeWholeMinorUnits() {
        assertEquals(Optional.of(150_050L), Money.parse("1500.50", "KES"));
        assertEquals(Optional.of(150_000L), Money.parse("1,500", "KES"));
        assertEquals(Optional.of(10L), Money.parse("0.1", "KES"));
        assertEquals(Optional.of(-500L), Money.parse("-5", "KES"), "the service refuses it with its own message");
        assertEquals(Optional.of(1500L), Money.parse("1500", "JPY"), "a currency without minor units");
        assertEquals(Optional.empty(), Money.parse("1.001", "KES"));
        assertEquals(Optional.empty(), Money.parse("1e3", "KES"));
        assertEquals(Optional.empty(), Money.parse("", "KES"));
    }

    @Test
    void totalsAreExactWhereDoublesAreNot() {
        // 0.1 + 0.2 in doubles is 0.30000000000000004; in minor units it is 30
        List<BudgetLine> lines = List.of(new BudgetLine(1, 1, "a", "local", 10, "KES"),
                new BudgetLine(2, 1, "a", "local", 20, "KES"), new BudgetLine(3, 1, "b", "national", Long.MAX_VALUE / 2, "KES"));
        assertEquals(30L, StrategyService.totalsBy(lines, BudgetLine::govLevel).get("local"));
        assertEquals(Long.MAX_VALUE / 2 + 30, StrategyService.total(lines));
        assertEquals("30", Long.toString(StrategyService.totalsBy(lines, BudgetLine::source).get("a")));
        try {
            StrategyService.total(List.of(new BudgetLine(1, 1, "a", "local", Long.MAX_VALUE, "KES"),
                    new BudgetLine(2, 1, "a", "local", 1, "KES")));
            throw new AssertionError("an overflow must not give a wrong total");
        } catch (ArithmeticException expected) {
            // refused
        }
    }

    @Test
    void amountsAreShownInTheLocaleCurrencyFormat() {
        assertTrue(Money.format(350_031, "KES", Locale.ENGLISH).contains("3,500.31"));
        assertTrue(Money.format(350_031, "KES", Locale.FRENCH).replace('\u202f', ' ').replace('\u00a0', ' ')
                .contains("3 500,31"));
        assertEquals("1500.50", Money.plain(150_050, "KES"));
    }

    @Test
    void anIsoCodeIsKeptApartFromTheDigitsInEveryLanguage() {
        String nbsp = "\u00a0";
        assertEquals("KES" + nbsp + "2,622,000.00", Money.format(262_200_000, "KES", Locale.ENGLISH));
        assertEquals("KES" + nbsp + "2,622,000.00", Money.format(262_200_000, "KES", Locale.forLanguageTag("zh")));
        assertEquals("2.622.000,00" + nbsp + "KES", Money.format(262_200_000, "KES", Locale.forLanguageTag("es")));
        for (String lang : List.of("ar", "fr", "ru")) {
            String s = Money.format(262_200_000, "KES", Locale.forLanguageTag(lang));
            assertTrue(s.matches(".*\\d[\\s\\u00a0\\u202f]KES.*"), lang + ": " + s);
        }
        assertEquals("$5.00", Money.format(500, "USD", Locale.US), "a symbol stays next to the digits");
    }
}
