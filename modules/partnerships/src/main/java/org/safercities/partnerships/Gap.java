package org.safercities.partnerships;

/**
 * A gap in the coalition: its rule ({@code area}, {@code group}, {@code women_led}, {@code youth_led},
 * {@code police_justice}), what it is about (an area id, a group code, or empty) and the message key of the
 * sentence that explains it (its one argument, when any, is the subject's name in the user's language).
 */
public record Gap(String rule, String subject, String messageKey) {
}
