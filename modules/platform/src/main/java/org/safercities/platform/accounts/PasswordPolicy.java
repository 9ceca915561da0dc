package org.safercities.platform.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * NIST SP 800-63B / OWASP ASVS 5 rules: 8 to 128 characters, no composition rules, no common password
 * (the 10,000 most common of 8+ characters, shipped in the jar), not the user name.
 */
public final class PasswordPolicy {

    public static final int MIN = 8;
    public static final int MAX = 128;
    private final Set<String> common;

    public PasswordPolicy(Set<String> common) {
        this.common = common;
    }

    public static PasswordPolicy fromClasspath() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/platform/common-passwords.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    words.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("common password list missing from the jar", e);
        }
        return new PasswordPolicy(words);
    }

    /** The message key of the first rule the password breaks, or null when it is acceptable. */
    public String check(String password, String username) {
        if (password == null || password.isEmpty()) {
            return "platform.password.required";
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN) {
            return "platform.password.tooShort";
        }
        if (length > MAX) {
            return "platform.password.tooLong";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return "platform.password.common";
        }
        if (username != null && lower.equals(username.toLowerCase(Locale.ROOT))) {
            return "platform.password.isUsername";
        }
        return null;
    }
}
