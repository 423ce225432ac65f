package dev.trestle.codec.model;

/**
 * One line of an {@link Order}. Immutable.
 *
 * @param sku the stock-keeping unit
 * @param quantity how many
 * @param unitPriceCents price of one, in minor units
 * @param discountBasisPoints discount in 1/100 of a percent
 * @param weightKg weight of one, in kilograms
 */
public record LineItem(long sku, int quantity, long unitPriceCents, int discountBasisPoints, double weightKg) {}
