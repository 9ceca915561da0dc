package org.safercities.platform.areas;

/**
 * One unit of the city's administrative area tree (city → district → ward …). Level 0 is the city itself.
 * Geometry (GeoJSON, WGS 84) is loaded separately: most pages need only the tree.
 */
public record Area(long id, String code, Long parentId, int level, String name, String altName, String altNameLang,
        boolean hasGeometry, int version) {
}
