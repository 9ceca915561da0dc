package org.safercities.diagnosis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProportionTest {

    @Test
    void unweightedIsTheTextbookWilsonInterval() {
        // 45 yes of 100, z = 1.959963984540054, z² = 3.8414588206941254
        // z²/n = 0.038414588206941; denominator 1 + z²/n = 1.038414588206941
        // centre = (0.45 + 0.019207294103471) / 1.038414588206941 = 0.451849674910349
        // half = z / 1.038414588206941 · √(0.45·0.55/100 + 3.8414588206941/40000) = 0.095704295115229
        // → [0.356145379795120, 0.547553970025579] (the published Wilson interval for 45/100: 0.356 to 0.548)
        Proportion survey = new Proportion();
        for (int k = 0; k < 100; k++) {
            survey.add(1, k < 45);
        }
        Proportion.Estimate estimate = survey.estimate();
        assertEquals(0.45, estimate.share(), 1e-15);
        assertEquals(100, estimate.respondents());
        assertEquals(100, estimate.effectiveSize(), 1e-12);
        assertEquals(0.3561453797951198, estimate.low(), 1e-12);
        assertEquals(0.5475539700255787, estimate.high(), 1e-12);
    }

    @Test
    void weightsShrinkTheSampleToItsKishEffectiveSize() {
        // weights 1 (yes), 2 (no), 3 (yes): Σw = 6, Σw² = 1 + 4 + 9 = 14, n_eff = 36/14 = 2.571428571428571
        // share = (1 + 3)/6 = 0.666666666666667
        // z²/n_eff = 3.8414588206941254/2.571428571428571 = 1.49390065249216; denominator 2.49390065249216
        // centre = (0.666666666666667 + 0.74695032624608) / 2.49390065249216 = 0.566829713725812
        // half = z / 2.49390065249216 · √(0.666666666666667·0.333333333333333/2.571428571428571
        //        + 3.8414588206941254/(4·2.571428571428571²)) = 0.378263604417591
        // → [0.188566109308221, 0.945093318143403]
        Proportion survey = new Proportion();
        survey.add(1, true);
        survey.add(2, false);
        survey.add(3, true);
        Proportion.Estimate estimate = survey.estimate();
        assertEquals(4.0 / 6, estimate.share(), 1e-15);
        assertEquals(3, estimate.respondents());
        assertEquals(36.0 / 14, estimate.effectiveSize(), 1e-12);
        assertEquals(0.18856610930822143, estimate.low(), 1e-12);
        assertEquals(0.9450933181434025, estimate.high(), 1e-12);
    }

    @Test
    void equalWeightsChangeNothing() {
        Proportion weighted = new Proportion();
        Proportion plain = new Proportion();
        for (int k = 0; k < 37; k++) {
            weighted.add(2.5, k % 3 == 0);
            plain.add(1, k % 3 == 0);
        }
        Proportion.Estimate a = weighted.estimate();
        Proportion.Estimate b = plain.estimate();
        assertEquals(b.share(), a.share(), 1e-15);
        assertEquals(b.low(), a.low(), 1e-12);
        assertEquals(b.high(), a.high(), 1e-12);
        assertEquals(37, a.effectiveSize(), 1e-9);
    }

    @Test
    void noneOfASmallSampleStaysInsideZeroToOne() {
        // 0 of 10: centre = (z²/20)/(1 + z²/10) = half, so low = 0 and high = z²/(10 + z²) = 0.277532799862889
        // (the Wald interval would be [0, 0], claiming certainty from ten people)
        Proportion survey = new Proportion();
        for (int k = 0; k < 10; k++) {
            survey.add(1, false);
        }
        Proportion.Estimate estimate = survey.estimate();
        assertEquals(0, estimate.share());
        assertEquals(0, estimate.low(), 1e-15);
        assertEquals(0.2775327998628892, estimate.high(), 1e-12);
    }

    @Test
    void allYesStaysInsideZeroToOne() {
        Proportion survey = new Proportion();
        for (int k = 0; k < 7; k++) {
            survey.add(0.5 + k, true);
        }
        Proportion.Estimate estimate = survey.estimate();
        assertEquals(1, estimate.share(), 1e-15);
        assertEquals(1, estimate.high(), 1e-15);
        assertTrue(estimate.low() > 0 && estimate.low() < 1);
    }

    @Test
    void noRespondentsSaysSoWithoutANumber() {
        Proportion survey = new Proportion();
        Proportion.Estimate estimate = survey.estimate();
        assertFalse(estimate.known());
        assertTrue(Double.isNaN(estimate.share()), "documented: no share without respondents");
        assertEquals(0, estimate.low());
        assertEquals(1, estimate.high());
        assertEquals(0, estimate.respondents());
        assertEquals(0, estimate.effectiveSize());
        assertTrue(survey.estimateIfAny().isEmpty());
        survey.add(1, true);
        assertTrue(survey.estimateIfAny().orElseThrow().known());
    }

    @Test
    void aWeightMustBePositiveAndFinite() {
        Proportion survey = new Proportion();
        assertThrows(IllegalArgumentException.class, () -> survey.add(0, true));
        assertThrows(IllegalArgumentException.class, () -> survey.add(-1, true));
        assertThrows(IllegalArgumentException.class, () -> survey.add(Double.NaN, true));
        assertThrows(IllegalArgumentException.class, () -> survey.add(Double.POSITIVE_INFINITY, true));
        assertFalse(survey.estimate().known(), "a refused response is not counted");
    }
}
