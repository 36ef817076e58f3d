package io.lae.data;

/**
 * PyTorch's CPU generator as torch 1.3 (the authors' version for Bao et al. 2020) fills float32
 * tensors after {@code torch.manual_seed(seed)}: MT19937, a uniform in [0, 1) from the low 24 bits of
 * one 32-bit output, and {@code normal_} on a contiguous tensor of at least 16 entries by
 * {@code normal_fill}: all entries drawn uniform first, then Box–Muller on blocks of 16 (entries j and
 * j + 8 from u₁ = 1 − uⱼ, u₂ = uⱼ₊₈), the last block redrawn and recomputed when 16 does not divide
 * the size. Computed in double and rounded to float, so an entry may differ from torch's in the last
 * bit of its float.
 */
public final class TorchCpuRandom {

    private final Mt19937 engine;

    /** @param seed as {@code torch.manual_seed(seed)} */
    public TorchCpuRandom(long seed) {
        engine = new Mt19937(seed);
    }

    /** @return a float32 uniform in [0, 1), as {@code torch.rand} draws one */
    public float nextUniform() {
        return (engine.nextUnsigned() & 0xffffff) * 0x1p-24f;
    }

    /**
     * Skips the draws of {@code tensor.uniform_()} on {@code count} float32 entries (one output each),
     * e.g. the Kaiming initialisation every {@code nn.Linear} constructor runs.
     *
     * @param count the entries
     */
    public void skipUniform(long count) {
        for (long i = 0; i < count; i++) {
            engine.nextUnsigned();
        }
    }

    /**
     * {@code torch.empty(count).normal_(0, std)} for count ≥ 16, in the order of the tensor's
     * row-major entries.
     *
     * @param count the entries, at least 16
     * @param std   the standard deviation
     * @return the entries
     */
    public float[] normal(int count, double std) {
        if (count < 16) {
            throw new IllegalArgumentException("torch draws fewer than 16 normals another way, got " + count);
        }
        float[] data = new float[count];
        for (int i = 0; i < count; i++) {
            data[i] = nextUniform();
        }
        for (int i = 0; i + 16 <= count; i += 16) {
            fill16(data, i, std);
        }
        if (count % 16 != 0) {
            for (int i = count - 16; i < count; i++) {
                data[i] = nextUniform();
            }
            fill16(data, count - 16, std);
        }
        return data;
    }

    private static void fill16(float[] data, int from, double std) {
        for (int j = from; j < from + 8; j++) {
            float u1 = 1 - data[j];
            float u2 = data[j + 8];
            double radius = Math.sqrt(-2 * Math.log(u1));
            double theta = (float) (2 * Math.PI) * u2;
            data[j] = (float) (radius * Math.cos(theta) * std);
            data[j + 8] = (float) (radius * Math.sin(theta) * std);
        }
    }
}
