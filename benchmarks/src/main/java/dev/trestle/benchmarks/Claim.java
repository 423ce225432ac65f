package dev.trestle.benchmarks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured concept claim, as written to {@code claims.json}: the claim in words, the metric
 * measured for Trestle's side ({@code value}) and for the baseline it is compared with, the unit,
 * and whether the measurement supports the claim. {@code details} holds the supporting figures and
 * {@code chart} the PNG file, relative to the report directory. Immutable.
 */
@JsonPropertyOrder({"id", "module", "claim", "metric", "value", "baseline", "unit", "holds", "details", "chart", "notes"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Claim {

  public final String id;
  public final String module;
  public final String claim;
  public final String metric;
  public final double value;
  public final double baseline;
  public final String unit;
  public final boolean holds;
  public final Map<String, Object> details;
  public final String chart;
  public final String notes;

  private Claim(Builder b) {
    this.id = b.id;
    this.module = b.module;
    this.claim = b.claim;
    this.metric = b.metric;
    this.value = b.value;
    this.baseline = b.baseline;
    this.unit = b.unit;
    this.holds = b.holds;
    this.details = b.details.isEmpty() ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.details));
    this.chart = b.chart;
    this.notes = b.notes;
  }

  /** Starts a claim with its id (for example {@code timeout.tail-latency}), module and words. */
  public static Builder builder(String id, String module, String claim) {
    return new Builder(id, module, claim);
  }

  /** Builds a {@link Claim}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final String module;
    private final String claim;
    private String metric;
    private double value = Double.NaN;
    private double baseline = Double.NaN;
    private String unit;
    private Boolean holds;
    private final Map<String, Object> details = new LinkedHashMap<>();
    private String chart;
    private String notes;

    private Builder(String id, String module, String claim) {
      this.id = require(id, "id");
      this.module = require(module, "module");
      this.claim = require(claim, "claim");
    }

    /** The metric, its value for the claim's subject and for the baseline, and the unit. */
    public Builder measured(String metric, double value, double baseline, String unit) {
      this.metric = require(metric, "metric");
      this.value = value;
      this.baseline = baseline;
      this.unit = require(unit, "unit");
      return this;
    }

    /** Whether the measurement supports the claim. */
    public Builder holds(boolean holds) {
      this.holds = holds;
      return this;
    }

    /** A supporting figure. */
    public Builder detail(String name, Object value) {
      details.put(require(name, "name"), value);
      return this;
    }

    /** The chart's file name, relative to the report directory. */
    public Builder chart(String fileName) {
      this.chart = fileName;
      return this;
    }

    /** What a reader should know about how the figures were obtained or what they show. */
    public Builder notes(String notes) {
      this.notes = notes;
      return this;
    }

    public Claim build() {
      if (metric == null) {
        throw new IllegalStateException("claim " + id + " has no measurement: call measured(...)");
      }
      if (holds == null) {
        throw new IllegalStateException("claim " + id + " does not say whether it holds: call holds(...)");
      }
      return new Claim(this);
    }

    private static String require(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }
  }
}
