package dev.trestle.benchmarks.codec;

import dev.trestle.codec.Format;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The wire sizes of one dataset in each format, smallest raw size first, as measured by
 * {@link WireSizes}. Immutable.
 *
 * @param dataset what was measured: a dataset's name or the user's message type
 * @param rows one row per format
 */
public record SizeTable(String dataset, List<WireSize> rows) {

  public SizeTable {
    Objects.requireNonNull(dataset, "dataset");
    rows = List.copyOf(rows);
  }

  /**
   * Returns the row of {@code format}.
   *
   * @throws IllegalArgumentException if the table has no such row
   */
  public WireSize row(String format) {
    for (WireSize row : rows) {
      if (row.format().equals(format)) {
        return row;
      }
    }
    throw new IllegalArgumentException("format must be one of the table's " + rows.stream().map(WireSize::format).toList()
        + " but was \"" + format + "\"");
  }

  /** Returns the table as aligned text: bytes per message raw and gzipped, and each relative to JSON. */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "%s (%d messages)%n", dataset, rows.isEmpty() ? 0 : rows.get(0).messages()));
    text.append(String.format(Locale.ROOT, "%-14s %12s %12s %10s %10s%n", "format", "raw B/msg", "gzip B/msg", "raw/json", "gzip/json"));
    WireSize json = rows.stream().filter(r -> r.format().equals(Format.JSON.codecName())).findFirst().orElse(null);
    for (WireSize row : rows) {
      text.append(String.format(Locale.ROOT, "%-14s %12.1f %12.1f %10s %10s%n", row.format(), row.rawPerMessage(),
          row.gzipPerMessage(), ratio(row.rawBytes(), json == null ? 0 : json.rawBytes()),
          ratio(row.gzipBytes(), json == null ? 0 : json.gzipBytes())));
    }
    return text.toString();
  }

  private static String ratio(long value, long base) {
    return base == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) value / base);
  }
}
