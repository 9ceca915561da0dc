package org.safercities.diagnosis.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.safercities.diagnosis.sheets.CellValues.DateOrder;
import org.safercities.diagnosis.sheets.CellValues.Precision;
import org.safercities.diagnosis.sheets.CellValues.ReadDate;
import org.safercities.platform.SharedData;

class CellValuesTest {

    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void decimalsWithCommaPointAndThousands() {
        assertEquals(Optional.of(-75.569854), CellValues.decimal("-75,56985400000", true));
        assertEquals(Optional.of(6.25722555), CellValues.decimal(" 6,25722555000 ", true));
        assertEquals(Optional.of(-0.112422), CellValues.decimal("-0.112422", false));
        assertEquals(Optional.of(1234567.5), CellValues.decimal("1.234.567,5", true));
        assertEquals(Optional.of(1234567.5), CellValues.decimal("1,234,567.5", false));
        assertEquals(Optional.of(1234.5), CellValues.decimal("1\u00A0234,5", true));
        assertEquals(Optional.of(1234.5), CellValues.decimal("1 234,5", true));
        assertEquals(Optional.of(1234.0), CellValues.decimal("1,234", false));
        assertEquals(Optional.of(1234.0), CellValues.decimal("1.234", true));
        assertEquals(Optional.of(0.5), CellValues.decimal("0.5", true), "a lone point that cannot be thousands");
        assertEquals(Optional.of(50.0), CellValues.decimal("50", true));
        assertEquals(Optional.of(-1.0), CellValues.decimal("-1", false));
        assertEquals(Optional.of(0.5), CellValues.decimal(".5", false));
        assertEquals(Optional.of(1500.0), CellValues.decimal("1.5E3", false));
        assertEquals(Optional.of(42736.0), CellValues.decimal("42736", false));
        for (String empty : new String[] {"", "  ", "NA", "N/A", "n/a", "-", "abc", "12a", "1,2,3", "1.234 567", "1e", null}) {
            assertEquals(Optional.empty(), CellValues.decimal(empty, false), empty);
            assertEquals(Optional.empty(), CellValues.decimal(empty, true), empty);
        }
        assertEquals(Optional.empty(), CellValues.decimal("1,234,56", false));
    }

    @Test
    void medellinUtcTimesAreLocalAndFiveOClockUtcIsMidnightUnknown() {
        assertEquals(day(2010, 1, 1, null), date("2010-01-01T05:00:00Z", DateOrder.AUTO, BOGOTA, true));
        assertEquals(day(2010, 1, 1, LocalTime.MIDNIGHT), date("2010-01-01T05:00:00Z", DateOrder.AUTO, BOGOTA, false));
        assertEquals(day(2019, 5, 11, LocalTime.of(19, 51)), date("2019-05-12T00:51:00Z", DateOrder.AUTO, BOGOTA, true));
        assertEquals(day(2019, 4, 23, LocalTime.of(7, 30)), date("2019-04-23T12:30:00Z", DateOrder.AUTO, BOGOTA, true));
    }

    @Test
    void policeUkMonthsAndOffsets() {
        assertEquals(Optional.of(new ReadDate(LocalDate.of(2019, 1, 1), null, Precision.MONTH)),
                CellValues.date("2019-01", DateOrder.AUTO, LONDON, true));
        assertEquals(day(2019, 1, 1, LocalTime.of(2, 48, 45)),
                date("2019-01-01T02:48:45+00:00", DateOrder.AUTO, LONDON, true));
        assertEquals(day(2019, 7, 1, LocalTime.of(3, 48, 45)),
                date("2019-07-01T02:48:45+0000", DateOrder.AUTO, LONDON, true), "summer time in London");
        assertEquals(day(2019, 1, 1, LocalTime.of(12, 0)), date("2019-01-01 07:00:00-05:00", DateOrder.AUTO, UTC, true));
        assertEquals(day(2019, 1, 1, null), date("2019-01-01", DateOrder.AUTO, UTC, false));
        assertEquals(day(2019, 1, 1, LocalTime.of(13, 5, 7, 250_000_000)),
                date("2019-01-01T13:05:07.25", DateOrder.AUTO, UTC, true));
        assertEquals(day(2019, 1, 31, null), date("2019/01/31", DateOrder.AUTO, UTC, true));
        assertEquals(day(2019, 1, 31, null), date("20190131", DateOrder.AUTO, UTC, true));
    }

    @Test
    void dayFirstAndMonthFirst() {
        assertEquals(day(2019, 12, 31, null), date("31/12/2019", DateOrder.DAY_FIRST, UTC, true));
        assertEquals(day(2019, 12, 31, null), date("12/31/2019", DateOrder.MONTH_FIRST, UTC, true));
        assertEquals(day(2019, 4, 3, null), date("03.04.2019", DateOrder.DAY_FIRST, UTC, true));
        assertEquals(day(2019, 3, 4, null), date("03-04-2019", DateOrder.MONTH_FIRST, UTC, true));
        assertEquals(day(2019, 12, 31, LocalTime.of(22, 15)), date("31/12/2019 22:15", DateOrder.DAY_FIRST, UTC, true));
        assertEquals(day(2019, 12, 31, LocalTime.of(22, 15)), date("12/31/2019 10:15 PM", DateOrder.MONTH_FIRST, UTC, true));
        assertEquals(day(2019, 12, 31, LocalTime.of(0, 15)), date("12/31/2019 12:15 am", DateOrder.MONTH_FIRST, UTC, true));
        assertEquals(day(2019, 12, 31, null), date("31/12/2019", DateOrder.AUTO, UTC, true), "a day above 12 decides");
        assertEquals(Optional.empty(), CellValues.date("03/04/2019", DateOrder.AUTO, UTC, true), "ambiguous: refused");
        assertEquals(Optional.empty(), CellValues.date("31/12/2019", DateOrder.MONTH_FIRST, UTC, true));
        assertEquals(Optional.empty(), CellValues.date("30/02/2019", DateOrder.DAY_FIRST, UTC, true));
    }

    @Test
    void twoDigitYearsAreNeverInTheFuture() {
        assertEquals(day(2019, 12, 31, null), date("31/12/19", DateOrder.DAY_FIRST, UTC, true));
        assertEquals(day(1998, 12, 31, null), date("31/12/98", DateOrder.DAY_FIRST, UTC, true));
        assertEquals(Optional.empty(), CellValues.date("31/12/198", DateOrder.DAY_FIRST, UTC, true));
    }

    @Test
    void excelSerialsWithThe1900LeapYearBug() {
        assertEquals(day(2017, 1, 1, null), date("42736", DateOrder.AUTO, UTC, true));
        // 44927 is 2023-01-01 in Excel (=DATE(2023,1,1)), so 44924 is 2022-12-29 (SOURCES.md says 12-28)
        assertEquals(day(2022, 12, 29, null), date("44924", DateOrder.AUTO, UTC, true));
        assertEquals(day(2023, 1, 1, null), date("44927", DateOrder.AUTO, UTC, true));
        assertEquals(day(2000, 1, 1, null), date("36526", DateOrder.AUTO, UTC, true));
        assertEquals(day(1900, 1, 1, null), date("1", DateOrder.AUTO, UTC, true));
        assertEquals(day(1900, 2, 28, null), date("59", DateOrder.AUTO, UTC, true));
        assertEquals(Optional.empty(), CellValues.date("60", DateOrder.AUTO, UTC, true), "29 Feb 1900 never was");
        assertEquals(day(1900, 3, 1, null), date("61", DateOrder.AUTO, UTC, true));
        assertEquals(day(2017, 1, 1, LocalTime.of(18, 0)), date("42736.75", DateOrder.AUTO, UTC, true));
        assertEquals(Optional.empty(), CellValues.date("0", DateOrder.AUTO, UTC, true));
        assertEquals(Optional.empty(), CellValues.date("100001", DateOrder.AUTO, UTC, true));
    }

    @Test
    void junkAndBlanksAreNoDates() {
        for (String junk : new String[] {"", " ", "NA", "yesterday", "2019-13", "2019-01-01T25:00", "2019-01-01X",
            "2019-01-01T10:00+99:00", "12/2019", "1/2/3/4", "-5", null}) {
            assertEquals(Optional.empty(), CellValues.date(junk, DateOrder.DAY_FIRST, UTC, true), junk);
        }
    }

    @Test
    void guessOrderFromSamples() {
        assertEquals(DateOrder.DAY_FIRST, CellValues.guessOrder(List.of("03/04/2019", "25/04/2019", "")));
        assertEquals(DateOrder.MONTH_FIRST, CellValues.guessOrder(List.of("03/04/2019", "04/25/2019 10:00")));
        assertEquals(DateOrder.AUTO, CellValues.guessOrder(List.of("03/04/2019", "05/06/2019")));
        assertEquals(DateOrder.AUTO, CellValues.guessOrder(List.of("13/04/2019", "04/25/2019")), "contradiction");
        assertEquals(DateOrder.YEAR_FIRST, CellValues.guessOrder(List.of("2019-04-03", "2019-01")));
        assertEquals(DateOrder.AUTO, CellValues.guessOrder(List.of("42736", "NA")));
    }

    /** Every Medellín timestamp reads, and a rough cost per cell (printed, not asserted: the machine is shared). */
    @Test
    void everyMedellinDateAndCoordinateReadsAndTheCostPerCell() {
        List<String[]> rows = new ArrayList<>();
        try (Sheet s = Sheets.open(SharedData.file("incidents/medellin_homicides_2010-2019.csv"))) {
            for (String[] r = s.next(); r != null; r = s.next()) {
                rows.add(r);
            }
        }
        int unknownTime = 0;
        int coordinates = 0;
        for (String[] r : rows) {
            ReadDate d = CellValues.date(r[0], DateOrder.AUTO, BOGOTA, true).orElseThrow(() -> new AssertionError(r[0]));
            assertTrue(d.date().getYear() >= 2009 && d.date().getYear() <= 2019, r[0]);
            unknownTime += d.time() == null ? 1 : 0;
            if (CellValues.decimal(r[1], true).isPresent()) {
                double lon = CellValues.decimal(r[1], true).get();
                assertTrue(lon > -76 && lon < -75, r[1]);
                coordinates++;
            }
        }
        assertEquals(9360 - 81, coordinates);
        assertTrue(unknownTime > 100, "midnight-unknown records: " + unknownTime);
        long sink = 0;
        for (int warm = 0; warm < 30; warm++) {
            for (String[] r : rows) {
                sink += CellValues.date(r[0], DateOrder.AUTO, BOGOTA, true).isPresent() ? 1 : 0;
                sink += CellValues.decimal(r[1], true).isPresent() ? 1 : 0;
            }
        }
        long t0 = System.nanoTime();
        for (int round = 0; round < 20; round++) {
            for (String[] r : rows) {
                sink += CellValues.date(r[0], DateOrder.AUTO, BOGOTA, true).isPresent() ? 1 : 0;
            }
        }
        long t1 = System.nanoTime();
        for (int round = 0; round < 20; round++) {
            for (String[] r : rows) {
                sink += CellValues.decimal(r[1], true).isPresent() ? 1 : 0;
                sink += CellValues.decimal(r[2], true).isPresent() ? 1 : 0;
            }
        }
        long t2 = System.nanoTime();
        System.out.printf("CellValues: date %.0f ns/cell, decimal %.0f ns/cell (%d)%n",
                (t1 - t0) / (20.0 * rows.size()), (t2 - t1) / (40.0 * rows.size()), sink);
    }

    private static Optional<ReadDate> date(String cell, DateOrder order, ZoneId zone, boolean midnightUnknown) {
        return CellValues.date(cell, order, zone, midnightUnknown);
    }

    private static Optional<ReadDate> day(int y, int m, int d, LocalTime time) {
        return Optional.of(new ReadDate(LocalDate.of(y, m, d), time, Precision.DAY));
    }
}
