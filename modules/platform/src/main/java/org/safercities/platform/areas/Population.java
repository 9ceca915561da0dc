package org.safercities.platform.areas;

/**
 * Persons living in an area in a year, of one sex ({@code F}, {@code M}, or {@code T} when the source does not
 * split by sex) and one age band ({@code 00-04} … {@code 100+}, {@code unknown}, or {@code total}).
 */
public record Population(long areaId, int year, String sex, String ageBand, long persons) {
}
