package org.safercities.diagnosis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.safercities.diagnosis.stats.GetisOrd.Result;
import org.safercities.diagnosis.stats.GetisOrd.Spot;

class GetisOrdTest {

    @Test
    void normalTailsMatchKnownValues() {
        // P(|Z| ≥ z) = erfc(z/√2): z = 1 → 0.3173105078629141, z = 3 → 0.0026997960632601866,
        // z = 1.959963984540054 → 0.05, z = 2.5758293035489 → 0.01, z = 1.6448536269514722 → 0.10
        assertRelative(0.3173105078629141, GetisOrd.twoSidedP(1));
        assertRelative(0.3173105078629141, GetisOrd.twoSidedP(-1));
        assertRelative(0.0026997960632601866, GetisOrd.twoSidedP(3));
        assertRelative(0.05, GetisOrd.twoSidedP(1.959963984540054));
        assertRelative(0.01, GetisOrd.twoSidedP(2.5758293035489));
        assertRelative(0.10, GetisOrd.twoSidedP(1.6448536269514722));
        assertEquals(1, GetisOrd.twoSidedP(0), 1e-7);
        assertRelative(2.55962508777167e-12, GetisOrd.twoSidedP(7)); // erfc(7/√2), far tail
    }

    private static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, 1.2e-7 * expected);
    }

    @Test
    void spotClassesFollowTheCriticalValues() {
        assertEquals(Spot.HOT_99, GetisOrd.spot(2.576));
        assertEquals(Spot.HOT_95, GetisOrd.spot(2.575));
        assertEquals(Spot.HOT_95, GetisOrd.spot(1.96));
        assertEquals(Spot.HOT_90, GetisOrd.spot(1.645));
        assertEquals(Spot.NONE, GetisOrd.spot(1.644));
        assertEquals(Spot.NONE, GetisOrd.spot(-1.644));
        assertEquals(Spot.COLD_90, GetisOrd.spot(-1.645));
        assertEquals(Spot.COLD_95, GetisOrd.spot(-1.96));
        assertEquals(Spot.COLD_99, GetisOrd.spot(-3));
    }

    @Test
    void aLineOfFiveAreasByHand() {
        // areas 0–1–2–3–4 in a line, values 1 2 3 4 10: n = 5, X̄ = 20/5 = 4,
        // S = √((1 + 4 + 9 + 16 + 100)/5 − 16) = √(26 − 16) = √10
        // area 4 (neighbour 3): W = 2, Σwx = 4 + 10 = 14, z = (14 − 4·2) / (√10 · √((5·2 − 4)/4)) = 6/√15 = 1.549193
        // area 2 (neighbours 1, 3): W = 3, Σwx = 9, z = (9 − 12) / (√10 · √((15 − 9)/4)) = −3/√15 = −0.774597
        // area 0 (neighbour 1): W = 2, Σwx = 3, z = (3 − 8)/√15 = −1.290994
        List<Result> results = GetisOrd.giStar(new double[] {1, 2, 3, 4, 10}, line(5));
        assertEquals(6 / Math.sqrt(15), results.get(4).z(), 1e-12);
        assertEquals(-3 / Math.sqrt(15), results.get(2).z(), 1e-12);
        assertEquals(-5 / Math.sqrt(15), results.get(0).z(), 1e-12);
        assertEquals(Spot.NONE, results.get(4).spot());
        assertEquals(0.1213, results.get(4).p(), 1e-4); // erfc(1.549193/√2) = 0.121335
    }

    @Test
    void agreesWithTheRatioFormOfGetisAndOrd1992() {
        // The 1992 paper writes Gi* = Σ_j w_ij x_j / Σ_j x_j with E(Gi*) = W/n and
        // Var(Gi*) = W (n − W) / (n² (n − 1)) · Y2 / Y1², Y1 = Σx/n, Y2 = Σx²/n − Y1²; z = (Gi* − E) / √Var.
        // That is a different route to the same z, computed here with a full weights matrix.
        long seed = 20261123L;
        Random random = new Random(seed);
        List<int[]> queen = lattice(6, 7, true);
        for (int round = 0; round < 50; round++) {
            double[] x = new double[42];
            for (int k = 0; k < x.length; k++) {
                x[k] = 1 + random.nextInt(50) + (k % 7 < 3 && k / 7 < 3 ? 40 * random.nextDouble() : 0);
            }
            List<Result> results = GetisOrd.giStar(x, queen);
            double[][] w = matrix(queen);
            for (int i = 0; i < x.length; i++) {
                assertEquals(ratioForm(x, w[i]), results.get(i).z(), 1e-9, "seed " + seed + " round " + round);
            }
        }
    }

    private static double ratioForm(double[] x, double[] weights) {
        int n = x.length;
        double sum = 0, squares = 0, local = 0, total = 0;
        for (int j = 0; j < n; j++) {
            sum += x[j];
            squares += x[j] * x[j];
            local += weights[j] * x[j];
            total += weights[j];
        }
        double y1 = sum / n;
        double y2 = squares / n - y1 * y1;
        double g = local / sum;
        double expected = total / n;
        double variance = total * (n - total) / ((double) n * n * (n - 1)) * y2 / (y1 * y1);
        return (g - expected) / Math.sqrt(variance);
    }

    private static double[][] matrix(List<int[]> neighbours) {
        int n = neighbours.size();
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            w[i][i] = 1;
            for (int j : neighbours.get(i)) {
                w[i][j] = 1;
            }
        }
        return w;
    }

    @Test
    void aHighClusterOnAFiveByFiveLatticeIsHot() {
        // 3×3 block of 10 in the top-left corner, 1 elsewhere, queen contiguity. X̄ = (90 + 16)/25 = 4.24,
        // S = √(916/25 − 4.24²) = √18.6624 = 4.32. Cell (1,1) sees the whole block: W = 9, Σwx = 90,
        // z = (90 − 4.24·9) / (4.32 · √((25·9 − 81)/24)) = 51.84 / (4.32 · √6) = 4.898979
        double[] x = new double[25];
        for (int k = 0; k < 25; k++) {
            x[k] = k / 5 < 3 && k % 5 < 3 ? 10 : 1;
        }
        List<Result> queen = GetisOrd.giStar(x, lattice(5, 5, true));
        assertEquals(51.84 / (4.32 * Math.sqrt(6)), queen.get(6).z(), 1e-12);
        assertEquals(Spot.HOT_99, queen.get(6).spot());
        List<Result> rook = GetisOrd.giStar(x, lattice(5, 5, false));
        assertEquals(Spot.HOT_99, rook.get(6).spot());
        for (int k = 0; k < 25; k++) {
            boolean farFromBlock = k / 5 == 4 || k % 5 == 4;
            if (farFromBlock) {
                assertEquals(true, queen.get(k).z() < 0 && rook.get(k).z() < 0, "area " + k + " is not hot");
            }
        }
    }

    @Test
    void aUniformFieldHasNoSpots() {
        double[] flat = new double[25];
        java.util.Arrays.fill(flat, 7.3);
        for (Result r : GetisOrd.giStar(flat, lattice(5, 5, true))) {
            assertEquals(new Result(0, 1, Spot.NONE), r);
        }
        // a chequerboard of 1s and 2s has no cluster: by hand (rook) the largest |z| is 1.569 (python3 check)
        double[] chequer = new double[25];
        for (int k = 0; k < 25; k++) {
            chequer[k] = 1 + (k / 5 + k % 5) % 2;
        }
        for (Result r : GetisOrd.giStar(chequer, lattice(5, 5, false))) {
            assertEquals(Spot.NONE, r.spot(), "z " + r.z());
        }
    }

    @Test
    void edgeCasesSayNothing() {
        Result nothing = new Result(0, 1, Spot.NONE);
        assertEquals(List.of(nothing, nothing), GetisOrd.giStar(new double[] {1, 100}, line(2)));
        assertEquals(List.of(), GetisOrd.giStar(new double[0], List.of()));
        // area 3 is an island: its own standard score would be (40 − 12.25)/… but Gi* needs a neighbourhood
        List<int[]> withIsland = List.of(new int[] {1}, new int[] {0, 2}, new int[] {1}, new int[0]);
        assertEquals(nothing, GetisOrd.giStar(new double[] {3, 3, 3, 40}, withIsland).get(3));
        // an area bordering every other one: W = n, the variance is 0
        List<int[]> star = List.of(new int[] {1, 2, 3}, new int[] {0}, new int[] {0}, new int[] {0});
        assertEquals(nothing, GetisOrd.giStar(new double[] {5, 1, 2, 9}, star).get(0));
        assertThrows(IllegalArgumentException.class, () -> GetisOrd.giStar(new double[] {1, 2, 3}, line(2)));
        assertThrows(IllegalArgumentException.class,
                () -> GetisOrd.giStar(new double[] {1, 2, 3}, List.of(new int[] {3}, new int[0], new int[0])));
        assertThrows(IllegalArgumentException.class, () -> GetisOrd.giStar(new double[] {1, Double.NaN, 3}, line(3)));
    }

    private static List<int[]> line(int n) {
        List<int[]> neighbours = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            neighbours.add(i == 0 ? new int[] {1} : i == n - 1 ? new int[] {n - 2} : new int[] {i - 1, i + 1});
        }
        return neighbours;
    }

    /** A rows × columns grid, index r·columns + c, rook (edges) or queen (edges and corners) contiguity. */
    private static List<int[]> lattice(int rows, int columns, boolean queen) {
        List<int[]> neighbours = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                List<Integer> around = new ArrayList<>();
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        boolean self = dr == 0 && dc == 0;
                        boolean corner = dr != 0 && dc != 0;
                        int nr = r + dr, nc = c + dc;
                        if (!self && (queen || !corner) && nr >= 0 && nr < rows && nc >= 0 && nc < columns) {
                            around.add(nr * columns + nc);
                        }
                    }
                }
                neighbours.add(around.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return neighbours;
    }
}
