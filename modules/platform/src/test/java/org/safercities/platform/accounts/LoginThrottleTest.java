package org.safercities.platform.accounts;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** What the throttle remembers stays bounded however long the kit runs (the HTTP side: SignInThrottleTest). */
class LoginThrottleTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T08:00:00Z"));
    // a plain Clock rather than a Mockito mock: a mock records each of the millions of calls the sweeps make
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    final LoginThrottle throttle = new LoginThrottle(5, 20, Duration.ofMinutes(15), clock);

    /** One made-up name per try from each address, as the sign-in page lets them (refused past 20 per address). */
    void spray(int addresses, String prefix) {
        for (int a = 0; a < addresses; a++) {
            String address = "10.0." + (a / 250) + "." + (a % 250);
            for (int n = 0; throttle.minutesToWait(prefix + a + "-" + n, address) == 0; n++) {
                throttle.failed(prefix + a + "-" + n, address);
            }
        }
    }

    @Test
    void namesTriedOnceAreForgottenOnceTheyAreOutOfTheWindow() {
        // a working day of made-up names: every 20 minutes, 100 addresses try 20 names each (2,100 keys a round)
        int most = 0;
        for (int round = 0; round < 24; round++) {
            spray(100, "r" + round + "-");
            most = Math.max(most, throttle.remembered());
            now.set(now.get().plus(Duration.ofMinutes(20)));
        }
        // without the sweep 24 rounds leave 24 x 2,100 = 50,400 keys; with it, at most two rounds' worth
        assertTrue(most <= 2 * 2_100 + LoginThrottle.SWEEP_ABOVE, "remembered at most " + most);
        assertEquals(0, throttle.minutesToWait("r23-0-0", "10.0.0.0"), "the last round is out of the window too");
    }

    @Test
    void theSweepKeepsWhatIsStillInTheWindow() {
        throttle.failed("admin", "10.9.9.9");
        throttle.failed("admin", "10.9.9.9");
        throttle.failed("admin", "10.9.9.9");
        throttle.failed("admin", "10.9.9.9");
        throttle.failed("admin", "10.9.9.9");
        now.set(now.get().plus(Duration.ofMinutes(1)));
        spray(60, "x");   // 1,260 keys: past SWEEP_ABOVE, so sweeps run while "admin" is still in its window
        assertTrue(throttle.minutesToWait("admin", "10.1.1.1") > 0, "admin stays held back for its window");
    }
}
