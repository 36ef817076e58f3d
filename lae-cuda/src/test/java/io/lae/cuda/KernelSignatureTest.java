package io.lae.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.Precision;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every kernel of {@code kernels.cu} has exactly one {@link Kernel} record whose components are its parameters (names,
 * count, C types, the module's {@code real} or a fixed float/double), and a launch's arguments are checked before
 * anything is launched: a matrix of the wrong precision, a null the kernel does not take, or a view of a closed
 * matrix fails on the host (matrices on the {@link HostMemory} stand-in).
 */
class KernelSignatureTest {

    private final HostMemory memory = new HostMemory();

    @SuppressWarnings("unchecked")
    private static Map<String, KernelSignature> javaSignatures() {
        return Arrays.stream(Kernel.class.getPermittedSubclasses())
                .map(c -> KernelSignature.of((Class<? extends Kernel>) c))
                .collect(Collectors.toMap(KernelSignature::name, Function.identity()));
    }

    @Test
    void eachKernelInTheSourceHasOneJavaSignatureWithItsParameters() {
        List<KernelSource.Declaration> declared = KernelSource.declarations();
        assertTrue(declared.size() >= 17, "kernels found: " + declared);
        Map<String, KernelSignature> java = javaSignatures();
        assertEquals(declared.stream().map(KernelSource.Declaration::name).sorted().toList(),
                java.keySet().stream().sorted().toList(), "kernels.cu's kernels and the Kernel records");
        for (KernelSource.Declaration kernel : declared) {
            List<String> javaParameters = java.get(kernel.name()).parameters().stream()
                    .map(p -> p.cType() + " " + p.name()).toList();
            assertEquals(kernel.parameters(), javaParameters, kernel.name());
        }
    }

    @Test
    void aKernelNamedForAnElementTypeTakesThatTypeWhateverTheModulesPrecision() {
        for (KernelSource.Declaration kernel : KernelSource.declarations()) {
            for (String type : List.of("float", "double")) {
                if (List.of(kernel.name().split("_")).contains(type)) {
                    assertTrue(kernel.parameters().stream().anyMatch(p -> p.startsWith(type + "* ")),
                            kernel.name() + " takes a " + type + "*: " + kernel.parameters());
                }
            }
        }
        assertEquals("add_scaled_columns", KernelSignature.snakeCase("AddScaledColumns"));
        assertEquals("sgd", KernelSignature.snakeCase("Sgd"));
    }

    @Test
    void argumentsAreLaidOutInTheModulesPrecisionAndMatricesAsTheirAddresses() {
        try (Arena arena = Arena.ofConfined();
             DeviceMatrix g = DeviceMatrix.zeros(memory, 5, 1, Precision.FLOAT32);
             DeviceMatrix v = DeviceMatrix.zeros(memory, 5, 1, Precision.FLOAT32);
             DeviceMatrix theta = DeviceMatrix.zeros(memory, 5, 1, Precision.FLOAT32)) {
            Kernel.Momentum launch = new Kernel.Momentum(5, 0.25, 0.9, true, g, v, theta);
            MemorySegment args = KernelSignature.of(Kernel.Momentum.class).arguments(launch, Precision.FLOAT32, arena);
            assertEquals(5L, argument(args, 0).get(JAVA_LONG, 0));
            assertEquals(0.25f, argument(args, 1).get(JAVA_FLOAT, 0));
            assertEquals(0.9f, argument(args, 2).get(JAVA_FLOAT, 0));
            assertEquals(1, argument(args, 3).get(JAVA_INT, 0), "a boolean is a C int");
            assertEquals(v.pointer().address(), argument(args, 5).get(ADDRESS, 0).address());
            assertEquals(5, launch.entries());
        }
        try (Arena arena = Arena.ofConfined();
             DeviceMatrix moment = DeviceMatrix.zeros(memory, 2, 3, Precision.FLOAT64);
             DeviceMatrix sums = DeviceMatrix.zeros(memory, 3, 1, Precision.FLOAT64)) {
            Kernel.FinishMoment launch = new Kernel.FinishMoment(2, 3, moment, sums, sums, sums, sums, 7, false);
            MemorySegment args = KernelSignature.of(Kernel.FinishMoment.class).arguments(launch, Precision.FLOAT64,
                    arena);
            assertEquals(7.0, argument(args, 7).get(JAVA_DOUBLE, 0), "m is a double in either module");
            assertEquals(0, argument(args, 8).get(JAVA_INT, 0));
            assertEquals(6, launch.entries());
        }
    }

    private static MemorySegment argument(MemorySegment pointers, int i) {
        return pointers.getAtIndex(ADDRESS, i).reinterpret(8);
    }

    @Test
    void aWrongPrecisionANullOrAClosedMatrixFailsBeforeAnyLaunch() {
        try (Arena arena = Arena.ofConfined();
             DeviceMatrix x64 = DeviceMatrix.zeros(memory, 2, 2, Precision.FLOAT64);
             DeviceMatrix x32 = DeviceMatrix.zeros(memory, 2, 2, Precision.FLOAT32);
             DeviceMatrix sum64 = DeviceMatrix.zeros(memory, 1, 1, Precision.FLOAT64)) {
            KernelSignature scaled = KernelSignature.of(Kernel.AddScaledColumns.class);
            IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> scaled.arguments(
                    new Kernel.AddScaledColumns(2, 2, 1.0, null, x32, x64), Precision.FLOAT64, arena));
            assertEquals("add_scaled_columns: x is the 2×2 float32 device matrix, but the float64 kernel takes float64"
                    + " there", wrong.getMessage());
            IllegalArgumentException nulled = assertThrows(IllegalArgumentException.class, () -> scaled.arguments(
                    new Kernel.AddScaledColumns(2, 2, 1.0, null, null, x64), Precision.FLOAT64, arena));
            assertTrue(nulled.getMessage().startsWith("add_scaled_columns: x is null"), nulled.getMessage());

            KernelSignature dot = KernelSignature.of(Kernel.WeightedDot.class);
            dot.arguments(new Kernel.WeightedDot(2, 2, null, x32, x32, sum64), Precision.FLOAT32, arena);
            assertThrows(IllegalArgumentException.class, () -> dot.arguments(
                    new Kernel.WeightedDot(2, 2, null, x32, x32, x32), Precision.FLOAT32, arena),
                    "the sum is float64 in either module");

            DeviceMatrix owner = DeviceMatrix.zeros(memory, 2, 4, Precision.FLOAT64);
            DeviceMatrix view = owner.columns(2, 2);
            owner.close();
            IllegalStateException closed = assertThrows(IllegalStateException.class, () -> scaled.arguments(
                    new Kernel.AddScaledColumns(2, 2, 1.0, null, x64, view), Precision.FLOAT64, arena));
            assertTrue(closed.getMessage().contains("was closed"), closed.getMessage());
        }
    }
}
