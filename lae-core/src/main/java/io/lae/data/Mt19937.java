package io.lae.data;

/**
 * The 32-bit Mersenne Twister MT19937 (Matsumoto and Nishimura 1998) seeded with {@code init_genrand}:
 * the engine behind NumPy's legacy {@code np.random.seed(int)} and PyTorch's CPU
 * {@code torch.manual_seed(int)}, so that lae can redraw the numbers the authors' Python code drew.
 */
public final class Mt19937 {

    private static final int N = 624;
    private static final int M = 397;
    private final int[] state = new int[N];
    private int index = N;

    /** @param seed the seed, taken modulo 2³² as {@code init_genrand} takes it */
    public Mt19937(long seed) {
        state[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            state[i] = 1812433253 * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
        }
    }

    /** @return the next tempered output, an unsigned 32-bit integer */
    public long nextUnsigned() {
        if (index >= N) {
            twist();
        }
        int y = state[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (state[i] & 0x80000000) | (state[(i + 1) % N] & 0x7fffffff);
            state[i] = state[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        index = 0;
    }
}
