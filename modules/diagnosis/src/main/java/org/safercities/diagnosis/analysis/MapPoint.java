package org.safercities.diagnosis.analysis;

/** A point to show on the map over the areas (a safety walk), with what its tooltip says. */
public record MapPoint(double longitude, double latitude, String label) {
}
