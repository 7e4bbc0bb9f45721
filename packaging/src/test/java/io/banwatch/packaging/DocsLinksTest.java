package io.banwatch.packaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation holds together: every relative link in every Markdown file of the repository
 * reaches a file that exists (and a heading that exists, for {@code #anchors}), the README maps
 * every page of docs/, and the README stays a front page.
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern FENCE = Pattern.compile("(?m)^```.*?^```", Pattern.DOTALL);
    private static final Path REPO = Build.repository();

    @Test
    void everyRelativeLinkReachesAFileAndEveryAnchorAHeading() {
        assertThat(deadLinks(REPO)).as("dead links").isEmpty();
    }

    @Test
    void theReadmeIsAFrontPageThatMapsEveryDocsPage() throws IOException {
        String readme = read(REPO.resolve("README.md"));
        assertThat(readme.lines().count()).as("README.md lines").isLessThanOrEqualTo(200);
        try (Stream<Path> docs = Files.list(REPO.resolve("docs"))) {
            List<String> unmapped = docs.filter(p -> p.toString().endsWith(".md"))
                    .map(p -> "docs/" + p.getFileName())
                    .filter(name -> !readme.contains("](" + name + ")"))
                    .toList();
            assertThat(unmapped).as("docs pages the README does not link").isEmpty();
        }
    }

    @Test
    void aMissingFileOrHeadingIsReportedButCodeAndWebLinksAreNot(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/b.md"), "# Second page\n\n## Try it: one `machine`\n");
        Files.writeString(dir.resolve("README.md"), "# Title\n\n[b](docs/b.md#try-it-one-machine) [top](#title)"
                + " [web](https://example.org/x) [gone](docs/c.md) [nope](docs/b.md#nope) [self](#nope)\n"
                + "```\n[in code](nowhere.md)\n```\n");
        assertThat(deadLinks(dir)).containsExactly("README.md: (docs/c.md) no such file",
                "README.md: (docs/b.md#nope) no such heading", "README.md: (#nope) no such heading");
    }

    /** Every relative link under {@code root} that reaches no file, or no heading of a Markdown file. */
    static List<String> deadLinks(Path root) {
        List<String> dead = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        for (Path doc : markdownFiles(root)) {
            Matcher m = LINK.matcher(withoutCode(read(doc)));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http, https, mailto: not checked offline
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                String where = root.relativize(doc).toString().replace('\\', '/') + ": (" + target + ")";
                if (!resolved.startsWith(root) || !Files.exists(resolved)) {
                    dead.add(where + " no such file");
                } else if (hash >= 0 && resolved.toString().endsWith(".md")
                        && !anchors.computeIfAbsent(resolved, DocsLinksTest::headingSlugs).contains(target.substring(hash + 1))) {
                    dead.add(where + " no such heading");
                }
            }
        }
        return dead;
    }

    /** GitHub's anchors: the heading in lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
    static Set<String> headingSlugs(Path doc) {
        Set<String> out = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : withoutCode(read(doc)).split("\n")) {
            if (!line.startsWith("#")) {
                continue;
            }
            String text = line.replaceFirst("^#+\\s*", "").strip().replaceAll("`", "");
            String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum);
            out.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return out;
    }

    private static String withoutCode(String markdown) {
        return FENCE.matcher(markdown).replaceAll("");
    }

    private static List<Path> markdownFiles(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        String rel = root.relativize(p).toString().replace('\\', '/');
                        return !rel.startsWith(".git/") && !rel.contains("/target/") && !rel.startsWith("target/")
                                && !rel.contains("node_modules/") && !rel.startsWith("bench/results/");
                    })
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
