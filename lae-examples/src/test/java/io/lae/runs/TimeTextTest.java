package io.lae.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeTextTest {

    @Test
    void picksTheUnitPeopleRead() {
        assertEquals("0 s", TimeText.approximate(Duration.ZERO));
        assertEquals("0 s", TimeText.approximate(Duration.ofSeconds(-5)));
        assertEquals("89 s", TimeText.approximate(Duration.ofSeconds(89)));
        assertEquals("2 min", TimeText.approximate(Duration.ofSeconds(90)));
        assertEquals("85 min", TimeText.approximate(Duration.ofMinutes(85)));
        assertEquals("1.5 h", TimeText.approximate(Duration.ofMinutes(90)));
        assertEquals("9.9 h", TimeText.approximate(Duration.ofMinutes(594)));
        assertEquals("15 h", TimeText.approximate(Duration.ofHours(15)));
    }
}
