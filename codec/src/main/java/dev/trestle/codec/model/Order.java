package dev.trestle.codec.model;

import java.util.List;

/**
 * A numeric-heavy order: ids, timestamps and amounts in minor units. Immutable; strings may be
 * null (absent).
 *
 * @param id the order id
 * @param customerId the customer's id
 * @param createdAtMillis when it was placed, epoch milliseconds
 * @param currency ISO 4217 currency code
 * @param items the line items, never null
 * @param totalCents the total in minor units
 * @param note a free-text note
 */
public record Order(long id, long customerId, long createdAtMillis, String currency, List<LineItem> items,
    long totalCents, String note) {
  public Order {
    items = Lists.copy(items, "items");
  }
}
