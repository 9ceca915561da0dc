package org.safercities.platform.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Gives the office PC its memory back once the kit falls quiet. Under load, request garbage that outlives a young
 * collection is promoted, and the serial collector lets the old generation grow towards -Xmx before it runs a full
 * collection; nothing collects it again while nobody uses the kit, so the memory stays taken. After a quiet spell
 * that followed some requests, one full collection runs: the old generation shrinks to its live data plus
 * -XX:MaxHeapFreeRatio (at once with -XX:-ShrinkHeapInSteps, scripts/jvm-flags.sh) and the JVM returns the rest
 * (docs/RELIABILITY.md, "Memory"). G1 does the same with its periodic collections; the serial collector, the
 * smaller one on two cores, has no such option.
 */
public final class IdleMemory implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IdleMemory.class.getName());

    private final LongSupplier requests;
    private final LongSupplier nanoTime;
    private final long quietNanos;
    private final Runnable collect;
    private ScheduledExecutorService timer;

    private long lastCount;
    private long lastChange;
    private boolean usedSinceCollect;

    /**
     * @param requests how many requests the kit has seen so far
     * @param nanoTime the monotonic clock (System::nanoTime)
     * @param quiet how long no request must come before memory is given back
     * @param collect the collection itself (System::gc)
     */
    IdleMemory(LongSupplier requests, LongSupplier nanoTime, Duration quiet, Runnable collect) {
        this.requests = requests;
        this.nanoTime = nanoTime;
        this.quietNanos = quiet.toNanos();
        this.collect = collect;
        this.lastCount = requests.getAsLong();
        this.lastChange = nanoTime.getAsLong();
    }

    /** Watches the requests WebGate counts, every few seconds, and collects after 30 quiet seconds. */
    public static IdleMemory watch(WebGate gate) {
        Duration quiet = Duration.ofSeconds(30);
        IdleMemory idle = new IdleMemory(gate::requestsSeen, System::nanoTime, quiet, IdleMemory::giveBack);
        idle.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idle-memory");
            t.setDaemon(true);
            return t;
        });
        idle.timer.scheduleWithFixedDelay(idle::check, 5, 5, TimeUnit.SECONDS);
        return idle;
    }

    /** One look: the count moved (the kit is in use), or it has stood still for the quiet spell after a use. */
    void check() {
        long count = requests.getAsLong();
        long now = nanoTime.getAsLong();
        if (count != lastCount) {
            lastCount = count;
            lastChange = now;
            usedSinceCollect = true;
            return;
        }
        if (usedSinceCollect && now - lastChange >= quietNanos) {
            usedSinceCollect = false; // once per quiet spell: a kit left idle all night is not collected again
            try {
                collect.run();
            } catch (RuntimeException e) {
                LOG.warning("could not give memory back while idle: " + e);
            }
        }
    }

    private static void giveBack() {
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory();
        long t0 = System.nanoTime();
        System.gc();
        long after = rt.totalMemory();
        LOG.fine(() -> "idle: heap committed " + (before >> 20) + " -> " + (after >> 20) + " MB in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
