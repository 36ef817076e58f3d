package io.lae.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lae.TestData;
import io.lae.train.Checkpoint;
import io.lae.train.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Checkpoints hold any named parameters in their dtype; those written before the names were listed still read. */
class RunDirectoryCheckpointTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void float64() {
        TestData.useFloat64();
    }

    private static Checkpoint checkpoint(DataType type) {
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        parameters.put(Model.ENCODER, Nd4j.rand(type, 2, 5));
        parameters.put(Model.DECODER, Nd4j.rand(type, 5, 2));
        parameters.put("log_variance", Nd4j.rand(type, 1, 2));
        parameters.put("log_noise", Nd4j.rand(type, 1, 1));
        return new Checkpoint(40, 1.5, parameters, 40, Map.of("decoder/velocity", Nd4j.rand(type, 5, 2)));
    }

    @Test
    void namedParametersComeBackWithTheirShapesDtypesAndBits() {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            Checkpoint saved = checkpoint(type);
            RunDirectory run = new RunDirectory(dir.resolve(type.name()));
            run.writeCheckpoint(saved);
            Checkpoint read = run.readCheckpoint();
            assertEquals(saved.parameters().keySet().stream().toList(), read.parameters().keySet().stream().toList());
            saved.parameters().forEach((name, array) -> assertEquals(array, read.parameters().get(name), name));
            assertEquals(type, read.decoder().dataType());
            assertEquals(saved.optimizerBuffers(), read.optimizerBuffers());
            assertEquals(40, read.step());
            assertEquals(1.5, read.seconds());
        }
    }

    @Test
    void aTiedModelsCheckpointHoldsTheDecoderOnly() {
        Model tied = Model.tied(Nd4j.rand(DataType.DOUBLE, 5, 2));
        RunDirectory run = new RunDirectory(dir);
        run.writeCheckpoint(new Checkpoint(1, 0, tied.parameters(), 1, Map.of()));
        Checkpoint read = run.readCheckpoint();
        assertEquals(tied.decoder(), read.decoder());
        assertEquals(null, read.encoder());
        assertFalse(Files.exists(dir.resolve("checkpoint").resolve("encoder.npy")));
    }

    @Test
    void aCheckpointWithoutAParameterListHoldsBothWeights() throws IOException {
        RunDirectory run = new RunDirectory(dir);
        Map<String, INDArray> weights = new LinkedHashMap<>(checkpoint(DataType.DOUBLE).parameters());
        weights.keySet().retainAll(List.of(Model.ENCODER, Model.DECODER));
        run.writeCheckpoint(new Checkpoint(7, 0, weights, 7, Map.of()));
        Path position = dir.resolve("checkpoint").resolve("position.json");
        String json = Files.readString(position);
        String legacy = json.replaceAll("\"parameters\"\\s*:\\s*\\[[^]]*],?", "");
        assertFalse(legacy.contains("parameters"), legacy);
        Files.writeString(position, legacy);
        Checkpoint read = run.readCheckpoint();
        assertEquals(weights.get(Model.ENCODER), read.encoder());
        assertEquals(weights.get(Model.DECODER), read.decoder());
    }
}
