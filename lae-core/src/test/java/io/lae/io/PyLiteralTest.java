package io.lae.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Python literal parser on its own. */
class PyLiteralTest {

    @Test
    void parsesNestedValues() {
        Object value = PyLiteral.parse(" {'a': [1, (2,), ()], \"b\": {'c': None}, 'd': (-7), 'e': +8L, } ");
        Map<?, ?> dict = (Map<?, ?>) value;
        assertEquals(List.of("a", "b", "d", "e"), List.copyOf(dict.keySet()));
        assertEquals(List.of(1L, List.of(2L), List.of()), dict.get("a"));
        assertNull(((Map<?, ?>) dict.get("b")).get("c"));
        assertEquals(-7L, dict.get("d"));
        assertEquals(8L, dict.get("e"));
    }

    @Test
    void parsesStringsWithEscapesAndOtherQuotes() {
        assertEquals("it's \"x\"", PyLiteral.parse("'it\\'s \"x\"'"));
        assertEquals("a'b", PyLiteral.parse("\"a'b\""));
        assertEquals(List.of(true, false), PyLiteral.parse("[True,False]"));
        assertEquals(Arrays.asList(1L, null), PyLiteral.parse("(1, None)"));
    }

    @Test
    void reportsThePositionOfErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PyLiteral.parse("(1, 2"));
        assertEquals("expected ',' or ')' but found the end at character 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PyLiteral.parse("[1, -]"));
        assertEquals("expected a digit but found ']' at character 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PyLiteral.parse("{'a': 1.5}"));
        assertEquals("expected ',' or '}' but found '.' at character 8", e.getMessage());
    }
}
