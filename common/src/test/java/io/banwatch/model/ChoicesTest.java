package io.banwatch.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one way errors list what one may write. */
class ChoicesTest {
    @Test
    void listsTheChoicesWithOrBeforeTheLast() {
        assertThat(Choices.oneOf(List.of())).isEmpty();
        assertThat(Choices.oneOf(List.of("a"))).isEqualTo("a");
        assertThat(Choices.oneOf(List.of("a", "b"))).isEqualTo("a or b");
        assertThat(Choices.oneOf(List.of("a", "b", "c"))).isEqualTo("a, b or c");
    }

    @Test
    void namesEnumConstantsInDeclarationOrder() {
        assertThat(Choices.oneOf(Level.values())).isEqualTo("VIOLATION, DEADLINE, RISK or INFO");
        assertThat(Choices.oneOf(Verdict.values())).isEqualTo("VIOLATION, DEADLINE, RISK, INCOMPLETE, INFO or CLEAN");
    }
}
