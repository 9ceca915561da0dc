package org.safercities.monitoring;

/**
 * A value of an indicator: entered ({@code id} > 0) or computed ({@code id} 0). {@code area} 0 = the whole city;
 * {@code sex} and {@code ageBand} "" = all; {@code low}/{@code high} the 95% interval where there is one;
 * {@code count} the cases behind the value (numerator or respondents) where known; {@code method} "computed" or
 * "entered"; {@code quality} good, provisional, estimate or poor.
 */
public record Value(long id, String indicator, String period, long area, String sex, String ageBand, double value,
        Double low, Double high, Long count, String method, String source, String quality) {

    public static final java.util.List<String> QUALITIES = java.util.List.of("good", "provisional", "estimate", "poor");

    public boolean cityWide() {
        return area == 0 && sex.isEmpty() && ageBand.isEmpty();
    }

    public boolean entered() {
        return method.equals("entered");
    }

    /** The key a value is unique by. */
    public String key() {
        return indicator + '|' + period + '|' + area + '|' + sex + '|' + ageBand;
    }
}
