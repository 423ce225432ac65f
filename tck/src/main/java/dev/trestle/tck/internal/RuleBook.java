package dev.trestle.tck.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-line text of every conformance rule, read from the copy of {@code tck/RULES.md} that the
 * trestle-tck jar carries as {@value #RESOURCE}. Internal to the kits (the package is not exported):
 * failure messages and the run summary quote a rule's line from it.
 *
 * <p>A rule is a table row {@code | ID | text |} whose id is letters, a dash and a dotted number
 * ({@code HASH-9.1}). Instances are immutable and safe to share between threads; {@link #standard()}
 * reads the resource once per class loader.
 */
public final class RuleBook {

  /** Where the rules are in the trestle-tck jar (and on its class path when built). */
  public static final String RESOURCE = "META-INF/trestle-tck/RULES.md";

  /** Where the full rules are, in words, for messages. */
  public static final String WHERE = "RULES.md of trestle-tck (" + RESOURCE + " in the jar, tck/RULES.md in the source)";

  private static final Pattern ROW = Pattern.compile("^\\|\\s*([A-Z]+-\\d+(?:\\.\\d+)*)\\s*\\|\\s*(.*?)\\s*\\|\\s*$");

  private static final class Holder {
    static final RuleBook STANDARD = load();
  }

  private final Map<String, String> rules;

  private RuleBook(Map<String, String> rules) {
    this.rules = Collections.unmodifiableMap(rules);
  }

  /** Returns the rules shipped with the kits, or an empty book if the resource is missing. */
  public static RuleBook standard() {
    return Holder.STANDARD;
  }

  private static RuleBook load() {
    try (InputStream in = RuleBook.class.getClassLoader() == null ? null
        : RuleBook.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      return in == null ? new RuleBook(Map.of()) : parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + RESOURCE, e);
    }
  }

  /** Reads the rule rows of a RULES.md text. */
  public static RuleBook parse(InputStream markdown) throws IOException {
    Map<String, String> rules = new LinkedHashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(markdown, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        rules.putIfAbsent(row.group(1), row.group(2));
      }
    }
    return new RuleBook(rules);
  }

  /** Returns the one-line text of {@code ruleId}, if the book has it. */
  public Optional<String> text(String ruleId) {
    return Optional.ofNullable(rules.get(ruleId));
  }

  /** Returns every rule id with its text, in the order of RULES.md. */
  public Map<String, String> all() {
    return rules;
  }

  /**
   * Returns the lines a failure message appends after its first line: the rule's text and where the
   * full rule is; just the latter for an id the book does not have.
   */
  public String citation(String ruleId) {
    String text = rules.get(ruleId);
    return (text == null ? "" : "\n  rule " + ruleId + ": " + text)
        + "\n  the full rule, with its kit's assumptions: " + WHERE;
  }
}
