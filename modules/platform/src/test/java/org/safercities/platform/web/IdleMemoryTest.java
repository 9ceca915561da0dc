package org.safercities.platform.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** When the kit gives memory back: once per quiet spell after use, never while in use, never when never used. */
class IdleMemoryTest {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AtomicInteger collections = new AtomicInteger();
    private final IdleMemory idle = new IdleMemory(requests::get, clock::get, Duration.ofSeconds(30),
            collections::incrementAndGet);

    private void after(int seconds) {
        clock.addAndGet(Duration.ofSeconds(seconds).toNanos());
        idle.check();
    }

    @Test
    void aKitNobodyHasUsedIsNotCollected() {
        for (int i = 0; i < 100; i++) {
            after(5);
        }
        assertEquals(0, collections.get());
    }

    @Test
    void aQuietSpellAfterUseCollectsOnceAndOnlyOnce() {
        requests.addAndGet(500);
        after(5); // the look that sees the requests
        after(25);
        assertEquals(0, collections.get(), "25 s are not yet the quiet spell");
        after(5);
        assertEquals(1, collections.get());
        for (int i = 0; i < 100; i++) {
            after(5);
        }
        assertEquals(1, collections.get(), "a kit left idle all night is collected once");
    }

    @Test
    void aKitInSteadyUseIsNotCollected() {
        for (int i = 0; i < 100; i++) {
            requests.incrementAndGet();
            after(5);
        }
        assertEquals(0, collections.get());
        after(5);
        after(30);
        assertEquals(1, collections.get(), "once the use stops");
    }

    @Test
    void eachQuietSpellAfterNewUseCollectsAgain() {
        requests.incrementAndGet();
        after(5);
        after(30);
        requests.incrementAndGet();
        after(5);
        after(30);
        assertEquals(2, collections.get());
    }

    @Test
    void aFailedCollectionIsNotThrownToTheTimer() {
        IdleMemory failing = new IdleMemory(requests::get, clock::get, Duration.ofSeconds(30), () -> {
            throw new IllegalStateException("no");
        });
        requests.incrementAndGet();
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        failing.check();
        clock.addAndGet(Duration.ofSeconds(30).toNanos());
        assertDoesNotThrow(failing::check, "a throw here would end the scheduled task for good");
    }
}
