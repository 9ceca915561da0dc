package org.safercities.strategy;

/** A budget line of an action: funding source, level of government, amount in minor units of {@code currency}. */
public record BudgetLine(long id, long actionId, String source, String govLevel, long amount, String currency) {
}
