package io.lae.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** SameDiff's hard-coded "Added differentiated op" lines are dropped; the gradient is unchanged. */
class SameDiffGradientsTest {

    @Test
    void gradientIsRightAndStdoutStaysQuiet() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SameDiff sd = SameDiff.create();
            INDArray w = Nd4j.createFromArray(new double[][] {{1, -2, 3}});
            SDVariable v = sd.var("w", w);
            v.mul(v).sum().rename("loss");
            sd.setLossVariables("loss");
            Map<String, INDArray> g = SameDiffGradients.of(sd, "w");
            System.out.println("lae output — kept");
            assertEquals(w.mul(2), g.get("w"));
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertFalse(printed.contains("Added differentiated op"), printed);
        assertTrue(printed.contains("lae output — kept"), printed);
        assertSame(original, System.out);
    }
}
