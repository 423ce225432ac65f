package dev.trestle.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Keeps trestle-tck light for its users (issue 14): what its POM passes on to a project that
 * depends on it is trestle-core and the Jupiter API; the block modules are optional, in the POM and
 * in the module descriptor; every peer the kit's own tests run is test-scoped.
 */
class TckDependenciesTest {

  private static final Set<String> BLOCKS = Set.of("trestle-cache", "trestle-codec", "trestle-pool", "trestle-ratelimit");

  /** artifactId to "scope" or "scope optional", from tck/pom.xml (the working directory under Maven). */
  private static Map<String, String> dependencies() throws Exception {
    Path pom = Paths.get("pom.xml");
    assertTrue(Files.isRegularFile(pom), "run from the tck module: " + pom.toAbsolutePath());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    Element project = doc.getDocumentElement();
    Map<String, String> found = new TreeMap<>();
    for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && ((Element) n).getTagName().equals("dependencies")) {
        NodeList deps = ((Element) n).getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
          Element dep = (Element) deps.item(i);
          String scope = text(dep, "scope", "compile");
          found.put(text(dep, "artifactId", "?"), scope + (text(dep, "optional", "false").equals("true") ? " optional" : ""));
        }
      }
    }
    return found;
  }

  private static String text(Element parent, String tag, String otherwise) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? otherwise : nodes.item(0).getTextContent().trim();
  }

  @Test
  void onlyCoreAndTheJupiterApiReachAUser() throws Exception {
    Set<String> passedOn = new TreeSet<>();
    dependencies().forEach((artifact, scope) -> {
      if (scope.equals("compile") || scope.equals("runtime")) {
        passedOn.add(artifact);
      }
    });
    assertEquals(Set.of("trestle-core", "junit-jupiter-api"), passedOn);
  }

  @Test
  void theBlockModulesAreOptional() throws Exception {
    Map<String, String> deps = dependencies();
    for (String block : BLOCKS) {
      assertEquals("compile optional", deps.get(block), block);
    }
  }

  @Test
  void everyPeerIsTestScoped() throws Exception {
    dependencies().forEach((artifact, scope) -> {
      if (!artifact.startsWith("trestle-") && !artifact.equals("junit-jupiter-api")) {
        assertTrue(scope.equals("test") || scope.equals("provided"), artifact + " is " + scope);
      }
    });
  }

  @Test
  void theModuleDescriptorRequiresTheBlocksStatically() throws Exception {
    Path classes = Paths.get(ConformanceKit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    Map<String, Set<ModuleDescriptor.Requires.Modifier>> requires = new TreeMap<>();
    descriptor.requires().forEach(r -> requires.put(r.name(), r.modifiers()));
    for (String block : BLOCKS) {
      String module = "dev.trestle." + block.substring("trestle-".length());
      assertTrue(requires.get(module).contains(ModuleDescriptor.Requires.Modifier.STATIC), module + ": " + requires.get(module));
    }
    assertTrue(!requires.get("dev.trestle.core").contains(ModuleDescriptor.Requires.Modifier.STATIC));
  }
}
