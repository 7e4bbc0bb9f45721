package io.banwatch.packaging;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The collector's Containerfile: instructions read as docker does (continuations joined). */
class ContainerfileTest {
    static List<String> instructions = new ArrayList<>();

    @BeforeAll
    static void read() throws Exception {
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(Build.src().resolve("container/Containerfile"))) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                instructions.add(current.append(line).toString().strip());
                current.setLength(0);
            }
        }
    }

    static List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.startsWith(keyword + " ")).map(i -> i.substring(keyword.length() + 1).strip()).toList();
    }

    @Test
    void startsFromATemurin17Jre() {
        assertThat(instructions.get(0)).isEqualTo("FROM eclipse-temurin:17-jre");
        assertThat(all("FROM")).hasSize(1);
    }

    @Test
    void runsAsANonRootUser() {
        List<String> users = all("USER");
        assertThat(users).hasSize(1);
        assertThat(users.get(0)).doesNotStartWith("root").doesNotStartWith("0");
        // USER comes after the RUN that needs root, before ENTRYPOINT.
        assertThat(instructions.indexOf("USER " + users.get(0))).isGreaterThan(indexOf("RUN")).isLessThan(indexOf("ENTRYPOINT"));
    }

    @Test
    void exposesThePortKeepsDataInAVolumeAndChecksHealth() {
        assertThat(all("EXPOSE")).containsExactly("8740");
        assertThat(all("VOLUME")).containsExactly("/var/lib/banwatch-server");
        assertThat(all("HEALTHCHECK")).singleElement().asString().contains("/healthz", "8740");
        assertThat(all("CMD")).singleElement().asString()
                .isEqualTo("[\"serve\", \"--config\", \"/etc/banwatch-server/server.properties\"]");
    }

    @Test
    void copiesOnlyWhatTheStagedBuildContextHas() {
        for (String copy : all("COPY")) {
            String source = copy.split("\\s+")[0];
            assertThat(Build.stage().resolve("container").resolve(source)).as("COPY source %s", source).exists();
        }
    }

    @Test
    void containerConfigListensOnAllInterfaces() throws Exception {
        assertThat(Files.readString(Build.src().resolve("container/server.properties"))).contains("bind=0.0.0.0");
        assertThat(Files.readString(Build.src().resolve("linux/server/server.properties")))
                .contains("bind=127.0.0.1", "port=8740");
    }

    private static int indexOf(String keyword) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).startsWith(keyword + " ")) {
                return i;
            }
        }
        return -1;
    }
}
