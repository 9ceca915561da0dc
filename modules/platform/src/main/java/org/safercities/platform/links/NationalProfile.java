package org.safercities.platform.links;

import java.util.List;
import java.util.Map;

/**
 * Published by the platform when the kit runs a national forum's kit profile (a signed file checked at first
 * start): what the other modules take from it. Absent when the kit runs without a profile.
 */
public interface NationalProfile {

    /**
     * An indicator of the national standard set: code, name and definition per language (at least English), unit,
     * direction ("down", "up", "none"), frequency, and disaggregations ("area", "sex", "age").
     */
    record NationalIndicator(String code, Map<String, String> names, Map<String, String> definitions, String unit,
            String direction, String frequency, List<String> disaggregations) {
    }

    /** A recipient of the periodic export: a label ("UN-Habitat", "National forum") and its ASCII-armoured public key. */
    record Recipient(String label, String armouredPublicKey) {
    }

    /** The profile's name as the national forum wrote it, e.g. "Kenya national kit 2026". */
    String name();

    /** ISO 3166-1 alpha-2 country code. */
    String country();

    List<NationalIndicator> indicators();

    List<Recipient> recipients();
}
