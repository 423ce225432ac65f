package dev.trestle.codec.model;

import java.util.List;

/**
 * A batch of numeric time series from one source, as a metrics agent ships them. Immutable;
 * {@code source} may be null (absent).
 *
 * @param source the agent or host that sent the batch
 * @param series the series, never null
 */
public record MetricsBatch(String source, List<Series> series) {
  public MetricsBatch {
    series = Lists.copy(series, "series");
  }
}
