package org.safercities.platform.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per entered user name (known or not: counting only real accounts would tell which
 * exist) and per client address, over a sliding window. Kept in memory: a restart forgets it, which costs an
 * attacker a restart of the office PC.
 */
public final class LoginThrottle {

    private final int perAccount;
    private final int perAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    /** Past this many keys, each new failure first forgets the stale ones: a sweep of 1,000 costs microseconds. */
    static final int SWEEP_ABOVE = 1_000;

    public LoginThrottle(int perAccount, int perAddress, Duration window, Clock clock) {
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
        this.clock = clock;
    }

    /** Minutes to wait before another try is allowed, or 0 when allowed now. */
    public long minutesToWait(String username, String address) {
        return Math.max(wait(accountKey(username), perAccount), wait("ip:" + address, perAddress));
    }

    public void failed(String username, String address) {
        add(accountKey(username));
        add("ip:" + address);
    }

    public void succeeded(String username) {
        failures.remove(accountKey(username));
    }

    private static String accountKey(String username) {
        return "user:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    private long wait(String key, int limit) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            prune(q);
            if (q.size() < limit) {
                return 0;
            }
            Duration left = Duration.between(clock.instant(), q.peekFirst().plus(window));
            return Math.max(1, (left.toSeconds() + 59) / 60);
        }
    }

    private void add(String key) {
        Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            prune(q);
            q.addLast(clock.instant());
        }
        if (failures.size() > SWEEP_ABOVE) {
            sweep();
        }
    }

    /**
     * Forgets the names and addresses whose failures are all out of the window. A deque is pruned only when its
     * key is tried again, so names tried once (typing errors, or someone spraying made-up names) would otherwise
     * stay for as long as the kit runs. What stays is bounded by the throttle itself: an address is refused
     * after {@code perAddress} failures in the window, so at most that many new names per address.
     */
    private void sweep() {
        failures.values().removeIf(q -> {
            synchronized (q) {
                prune(q);
                return q.isEmpty();
            }
        });
    }

    /** Names and addresses with failures remembered (for tests). */
    int remembered() {
        return failures.size();
    }

    private void prune(Deque<Instant> q) {
        Instant limit = clock.instant().minus(window);
        while (!q.isEmpty() && q.peekFirst().isBefore(limit)) {
            q.pollFirst();
        }
    }
}
