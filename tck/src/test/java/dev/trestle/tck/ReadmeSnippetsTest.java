package dev.trestle.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's "Check your own implementation" correct: every fenced block there that follows
 * a {@code <!-- snippet: path -->} marker must equal the file at that path (relative to the
 * repository root), and the consumer project's POM and kit subclasses must be among them. The
 * consumer project itself is built by {@code tck/src/test/consumer/check.sh}; the other files are
 * compiled and run by this module's tests.
 */
class ReadmeSnippetsTest {

  private static final Pattern SNIPPET =
      Pattern.compile("<!-- snippet: (\\S+) -->\\n```[a-z]*\\n(.*?)```\\n", Pattern.DOTALL);

  private static Path root() {
    Path root = Paths.get("").toAbsolutePath().getParent(); // the working directory is tck/
    assertTrue(Files.isRegularFile(root.resolve("README.md")), "no README.md in " + root);
    return root;
  }

  private static Map<String, String> snippets(Path root) throws IOException {
    String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
    Map<String, String> found = new LinkedHashMap<>();
    Matcher m = SNIPPET.matcher(readme);
    while (m.find()) {
      found.put(m.group(1), m.group(2));
    }
    return found;
  }

  @Test
  void everySnippetIsTheFileItNames() throws IOException {
    Path root = root();
    Map<String, String> snippets = snippets(root);
    assertTrue(snippets.size() >= 8, "snippets found: " + snippets.keySet());
    for (Map.Entry<String, String> snippet : snippets.entrySet()) {
      Path file = root.resolve(snippet.getKey());
      assertTrue(Files.isRegularFile(file), "the README names " + snippet.getKey() + ", which does not exist");
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), snippet.getValue(),
          "README.md's block after <!-- snippet: " + snippet.getKey() + " --> differs from the file: copy the file into it");
    }
  }

  @Test
  void theConsumerProjectIsShownWhole() throws IOException {
    Map<String, String> snippets = snippets(root());
    for (String file : new String[] {
        "tck/src/test/consumer/pom.xml",
        "tck/src/test/consumer/src/test/java/example/NaiveLruCacheConformanceTest.java",
        "tck/src/test/consumer/src/test/java/example/NaiveTokenBucketConformanceTest.java"}) {
      assertTrue(snippets.containsKey(file), "the README does not show " + file);
    }
  }
}
