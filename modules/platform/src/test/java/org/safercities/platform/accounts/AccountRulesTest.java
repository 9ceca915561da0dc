package org.safercities.platform.accounts;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class AccountRulesTest {

    final PasswordPolicy policy = PasswordPolicy.fromClasspath();

    @Test
    void passwordRulesFollowAsvs() {
        assertEquals("platform.password.tooShort", policy.check("seven77", "u"));
        assertNull(policy.check("eight888x", "u"));
        assertEquals("platform.password.tooLong", policy.check("x".repeat(129), "u"));
        assertNull(policy.check("x".repeat(64) + "y".repeat(64), "u"));
        assertEquals("platform.password.common", policy.check("Password1", "u"), "case does not hide a common password");
        assertEquals("platform.password.common", policy.check("qwertyuiop", "u"));
        assertEquals("platform.password.isUsername", policy.check("amina-odhiambo", "Amina-Odhiambo"));
        assertNull(policy.check("日本語のパスワード", "u"), "any script; counted in characters");
        assertEquals("platform.password.tooShort", policy.check("密码密码密码", "u"));
    }

    @Test
    void throttleCountsFailuresPerAccountAndAddressOverTheWindow() {
        Clock clock = Mockito.mock(Clock.class);
        Instant t0 = Instant.parse("2026-11-23T08:00:00Z");
        Mockito.when(clock.instant()).thenReturn(t0);
        Mockito.when(clock.getZone()).thenReturn(ZoneOffset.UTC);
        LoginThrottle throttle = new LoginThrottle(5, 20, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, throttle.minutesToWait("Amina", "10.0.0.1"));
            throttle.failed("amina", "10.0.0.1");
        }
        assertEquals(15, throttle.minutesToWait("AMINA ", "10.0.0.2"), "per account, whatever the address");
        assertEquals(0, throttle.minutesToWait("joseph", "10.0.0.1"));
        Mockito.when(clock.instant()).thenReturn(t0.plus(Duration.ofMinutes(15).plusSeconds(1)));
        assertEquals(0, throttle.minutesToWait("amina", "10.0.0.1"), "the window slides");
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "10.9.9.9");
        }
        assertTrue(throttle.minutesToWait("someone-new", "10.9.9.9") > 0, "per address, across accounts");
    }
}
