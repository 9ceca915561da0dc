package org.safercities.monitoring;

import java.util.List;
import java.util.Map;

/**
 * An indicator of the catalogue. {@code origin}: builtin, national (from the kit profile) or local (the office's
 * own). Built-in names and definitions are messages ({@code monitoring.indicator.<code>.name|definition}); the
 * others carry theirs per language in {@code names} and {@code definitions}. {@code unit} is a unit code for
 * built-in and national indicators ({@code per100k}, {@code percent}, {@code perCapita}) or the office's words;
 * {@code method} says how values are obtained; {@code min}/{@code max} the range a value must lie in (null: open).
 */
public record Indicator(String code, String origin, Map<String, String> names, Map<String, String> definitions,
        String unit, String direction, String frequency, List<String> disaggregations, Method method, Double min,
        Double max) {

    public static final List<String> DIRECTIONS = List.of("down", "up", "none");
    public static final List<String> FREQUENCIES = List.of("yearly", "quarterly", "monthly");
    public static final List<String> DISAGGREGATIONS = List.of("area", "sex", "age");
    public static final List<String> UNIT_CODES = List.of("per100k", "percent", "perCapita");

    /** How the values of an indicator are obtained. */
    public enum Method {
        /** Incidents per 100,000 inhabitants from DiagnosisFigures and the platform's population. */
        RATE,
        /** A weighted survey proportion (percent) with its 95% interval from DiagnosisFigures. */
        SURVEY,
        /** Strategy budget per inhabitant (StrategyFigures and the platform's population), G§62. */
        INVESTMENT,
        /** Values entered by hand only. */
        ENTERED
    }

    public boolean builtIn() {
        return origin.equals("builtin");
    }

    public boolean by(String disaggregation) {
        return disaggregations.contains(disaggregation);
    }

    /** A code the office may give a local indicator: letters, digits, dot, dash, underscore; 1–40 characters. */
    public static boolean validCode(String code) {
        return code.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    }
}
