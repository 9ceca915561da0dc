package org.safercities.platform.web;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class SessionsTest {

    @Test
    void idleAndAbsoluteTimeoutsEndSessions() {
        Clock clock = Mockito.mock(Clock.class);
        Instant t0 = Instant.parse("2026-11-23T08:00:00Z");
        Mockito.when(clock.instant()).thenReturn(t0);
        Sessions sessions = new Sessions(Duration.ofMinutes(30), Duration.ofHours(8), clock);
        Session s = sessions.signIn(null, 7);
        String id = s.id();

        // active every 20 minutes: kept alive by use...
        for (int i = 1; i <= 23; i++) {
            Mockito.when(clock.instant()).thenReturn(t0.plus(Duration.ofMinutes(20L * i)));
            assertTrue(sessions.find(id).isPresent(), "still active after " + 20 * i + " min");
        }
        // ...but never past 8 hours
        Mockito.when(clock.instant()).thenReturn(t0.plus(Duration.ofHours(8).plusMinutes(1)));
        assertTrue(sessions.find(id).isEmpty(), "absolute time-out");

        Session idle = sessions.signIn(null, 8);
        Instant t1 = t0.plus(Duration.ofHours(8).plusMinutes(1));
        Mockito.when(clock.instant()).thenReturn(t1.plus(Duration.ofMinutes(31)));
        assertTrue(sessions.find(idle.id()).isEmpty(), "idle time-out");
    }

    @Test
    void signInGivesANewIdAndTokenAndEndsTheOldSession() {
        Sessions sessions = new Sessions(Duration.ofMinutes(30), Duration.ofHours(8), Clock.systemUTC());
        Session anonymous = sessions.anonymous("fr");
        Session signedIn = sessions.signIn(anonymous, 3);
        assertNotEquals(anonymous.id(), signedIn.id());
        assertNotEquals(anonymous.csrf(), signedIn.csrf(), "a token seen before sign-in is worthless after");
        assertTrue(sessions.find(anonymous.id()).isEmpty());
        assertEquals("fr", signedIn.lang(), "the chosen language carries over");
        sessions.endAllFor(3);
        assertTrue(sessions.find(signedIn.id()).isEmpty());
    }

    /** Sessions whose cookie never comes back are forgotten once expired, not only when 20,000 have piled up. */
    @Test
    void abandonedSessionsAreForgottenOnceExpired() {
        Clock clock = Mockito.mock(Clock.class);
        Instant t0 = Instant.parse("2026-11-23T08:00:00Z");
        Mockito.when(clock.instant()).thenReturn(t0);
        Sessions sessions = new Sessions(Duration.ofMinutes(30), Duration.ofHours(8), clock);
        // a long office day: every 10 minutes someone signs in and later closes the browser without signing out
        for (int i = 0; i < 6 * 24 * 30; i++) { // 30 days
            Mockito.when(clock.instant()).thenReturn(t0.plus(Duration.ofMinutes(10L * i)));
            sessions.signIn(sessions.anonymous("en"), i);
        }
        assertTrue(sessions.size() <= 4, "the last half hour's sessions, not a month's: " + sessions.size());
    }
}
