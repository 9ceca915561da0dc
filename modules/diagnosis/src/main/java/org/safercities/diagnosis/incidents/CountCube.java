package org.safercities.diagnosis.incidents;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pre-computed incident counts in memory, column by column: area (0 = unknown), ICCS code, sex, age band,
 * month (yyyymm) and count. A million incidents make at most a few hundred thousand cells (a few MB); scanning
 * them answers any filter in milliseconds, so no page ever scans the incidents themselves. Immutable: a change
 * builds a new cube and swaps it in.
 */
public final class CountCube {

    public static final CountCube EMPTY = new Builder().build();

    final long[] area;
    final short[] iccs;
    final byte[] sex;
    final byte[] band;
    final int[] month;
    final int[] n;
    final int size;

    private CountCube(Builder b) {
        size = b.size;
        area = Arrays.copyOf(b.area, size);
        iccs = Arrays.copyOf(b.iccs, size);
        sex = Arrays.copyOf(b.sex, size);
        band = Arrays.copyOf(b.band, size);
        month = Arrays.copyOf(b.month, size);
        n = Arrays.copyOf(b.n, size);
    }

    public int size() {
        return size;
    }

    public long areaKey(int i) {
        return area[i];
    }

    /** Index into {@link Codes#ICCS}. */
    public int iccs(int i) {
        return iccs[i];
    }

    /** Index into {@link Codes#SEXES}. */
    public int sex(int i) {
        return sex[i];
    }

    /** Index into {@link Codes#AGE_BANDS}. */
    public int band(int i) {
        return band[i];
    }

    public int month(int i) {
        return month[i];
    }

    public int count(int i) {
        return n[i];
    }

    public long total() {
        long t = 0;
        for (int i = 0; i < size; i++) {
            t += n[i];
        }
        return t;
    }

    /** The first and last month with incidents (yyyymm), or 0 and 0 when there are none. */
    public int[] monthRange() {
        int lo = Integer.MAX_VALUE;
        int hi = 0;
        for (int i = 0; i < size; i++) {
            lo = Math.min(lo, month[i]);
            hi = Math.max(hi, month[i]);
        }
        return size == 0 ? new int[] {0, 0} : new int[] {lo, hi};
    }

    static final class Builder {
        private long[] area = new long[1024];
        private short[] iccs = new short[1024];
        private byte[] sex = new byte[1024];
        private byte[] band = new byte[1024];
        private int[] month = new int[1024];
        private int[] n = new int[1024];
        private int size;

        void add(long areaKey, String iccsCode, char sexCode, String ageBand, int yyyymm, int count) {
            if (size == area.length) {
                int cap = size * 2;
                area = Arrays.copyOf(area, cap);
                iccs = Arrays.copyOf(iccs, cap);
                sex = Arrays.copyOf(sex, cap);
                band = Arrays.copyOf(band, cap);
                month = Arrays.copyOf(month, cap);
                n = Arrays.copyOf(n, cap);
            }
            area[size] = areaKey;
            iccs[size] = (short) index(ICCS.get(iccsCode), Codes.ICCS.size() - 1);
            sex[size] = (byte) index(SEXES.get(String.valueOf(sexCode)), 3);
            band[size] = (byte) index(BANDS.get(ageBand), Codes.AGE_BANDS.size() - 1);
            month[size] = yyyymm;
            n[size] = count;
            size++;
        }

        private static int index(Integer found, int unknown) {
            return found == null ? unknown : found;
        }

        // half a million cells are added at every start and after every import: no list scans per cell
        private static final Map<String, Integer> ICCS = positions(Codes.ICCS);
        private static final Map<String, Integer> SEXES = positions(Codes.SEXES);
        private static final Map<String, Integer> BANDS = positions(Codes.AGE_BANDS);

        private static Map<String, Integer> positions(List<String> codes) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = 0; i < codes.size(); i++) {
                m.put(codes.get(i), i);
            }
            return Map.copyOf(m);
        }

        CountCube build() {
            return new CountCube(this);
        }
    }
}
