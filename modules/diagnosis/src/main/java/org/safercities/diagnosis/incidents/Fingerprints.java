package org.safercities.diagnosis.incidents;

import java.util.Arrays;

/**
 * Fingerprints make imports idempotent: a row's fingerprint is a 64-bit hash of its cells and of how many
 * identical rows came before it in the same file. The same file twice, or next month's file that repeats some
 * rows, adds nothing; two genuinely identical rows in one file (data.police.uk's anonymised snap points make
 * many) stay two incidents.
 */
final class Fingerprints {

    private Fingerprints() {
    }

    static long ofCells(String[] cells) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64
        for (String cell : cells) {
            String s = cell.strip();
            for (int i = 0; i < s.length(); i++) {
                h ^= s.charAt(i);
                h *= 0x100000001b3L;
            }
            h ^= 0x1f; // unit separator: ("ab","c") differs from ("a","bc")
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** The fingerprint of the k-th (0-based) row with these cells in one file. */
    static long withOccurrence(long cellsHash, int k) {
        return k == 0 ? cellsHash : mix(cellsHash + 0x9e3779b97f4a7c15L * k);
    }

    /** MurmurHash3's finaliser: spreads FNV's weak low bits over the whole word. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /**
     * How often each key was seen, in an open-addressing table of primitives (a million rows ≈ 24 MB). Keys are
     * mixed before they pick a slot: the packed count cells of {@link ImportCounts} differ mostly in their high
     * bits (the area), and indexing by their low bits made long runs of collisions.
     */
    static final class Counter {
        private long[] keys = new long[1 << 12];
        private int[] counts = new int[1 << 12];
        private boolean[] used = new boolean[1 << 12];
        private int size;

        /** Counts one more occurrence and returns how many came before (0 the first time). */
        int next(long key) {
            if (size * 2 >= keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int i = (int) mix(key) & mask;
            while (used[i]) {
                if (keys[i] == key) {
                    return counts[i]++;
                }
                i = (i + 1) & mask;
            }
            used[i] = true;
            keys[i] = key;
            counts[i] = 1;
            size++;
            return 0;
        }

        /** Every key with how often it was counted. */
        void forEach(java.util.function.BiConsumer<Long, Integer> action) {
            for (int i = 0; i < keys.length; i++) {
                if (used[i]) {
                    action.accept(keys[i], counts[i]);
                }
            }
        }

        private void grow() {
            long[] k = keys;
            int[] c = counts;
            boolean[] u = used;
            keys = new long[k.length * 2];
            counts = new int[k.length * 2];
            used = new boolean[k.length * 2];
            size = 0;
            int mask = keys.length - 1;
            for (int j = 0; j < k.length; j++) {
                if (u[j]) {
                    int i = (int) mix(k[j]) & mask;
                    while (used[i]) {
                        i = (i + 1) & mask;
                    }
                    used[i] = true;
                    keys[i] = k[j];
                    counts[i] = c[j];
                    size++;
                }
            }
        }
    }

    /** The fingerprints a source already has, sorted for binary search (a million = 8 MB). */
    static final class Known {
        private final long[] sorted;

        Known(long[] values, int length) {
            sorted = Arrays.copyOf(values, length);
            Arrays.sort(sorted);
        }

        boolean contains(long fingerprint) {
            return Arrays.binarySearch(sorted, fingerprint) >= 0;
        }
    }
}
