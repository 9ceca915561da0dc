package org.safercities.diagnosis.incidents;

/** Where incidents come from (a police force's exports, a hospital's register), with its saved mapping. */
public record Source(long id, String name, String kind, Mapping mapping, int version) {
}
