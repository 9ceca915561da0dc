package org.safercities.platform;

import java.util.List;

import org.safercities.platform.areas.Area;

/**
 * The synthetic demo city as modules see it when they add their own demo data: its lowest-level areas
 * (with population) and the years that have figures.
 */
public record DemoCity(Area root, List<Area> districts, List<Area> wards, int firstYear, int lastYear, long seed) {
}
