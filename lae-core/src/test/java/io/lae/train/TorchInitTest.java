package io.lae.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.vae.VaeParameters;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code --init torch}: the initial weights of Bao et al.'s autoencoders (XuchanBao/linear-ae) as torch 1.3
 * draws them on the CPU after {@code torch.manual_seed(1234)}, at the sizes of bao-fig4 (d = 30 quick,
 * 1000 full; k = 2, 5). The literals are printed by {@code src/test/resources/torch/torch_init.py}, a
 * NumPy-only redo of torch's draws on NumPy's own MT19937 (Box–Muller step by step in float32, as torch);
 * the port computes in double and rounds once, so entries agree to a few float ulps at the entries' 1e-4
 * scale (1e-10; a wrong draw or order is off by ~1e-4).
 */
class TorchInitTest {

    private static final double TOL = 1e-10;

    private static Model authors(int d, int k, boolean tied) {
        return Initialization.of("torch", 1e-4, 1234).create(d, d, k, tied, DataType.DOUBLE);
    }

    @Test
    void theAuthorsStartAtTheQuickScale() {
        Model m = authors(30, 2, false);
        check(m, new double[] {1.5494895706069656e-05, -6.526154174935073e-05, 7.179551903391257e-05},
                new double[] {-0.00012618098116945475, -7.710866339039057e-05},
                new double[] {0.00013940299686510116, 6.0595069953706115e-05},
                new double[] {5.560742647503503e-05, -6.868319178465754e-05});
    }

    @Test
    void theAuthorsStartAtFullScale() {
        check(authors(1000, 2, false),
                new double[] {0.00012424355372786522, 5.071349733043462e-05, -6.642890366492793e-05},
                new double[] {-0.00010958217171719298, 0.0001407491508871317},
                new double[] {-7.036130409687757e-05, 2.4378354282816872e-05},
                new double[] {-0.00010459441546117887, -1.5406121747219004e-05});
        // 5000 entries, not a multiple of 16 (2000 is): normal_ redraws its last block
        check(authors(1000, 5, false),
                new double[] {0.00010541391384322196, -4.4917254854226485e-05, -4.39803370682057e-05},
                new double[] {4.7038007323862985e-05, -2.1985139028402045e-05},
                new double[] {-2.2539203200722113e-05, -0.00011816079495474696, 9.281030361307785e-05,
                    -4.8318767653654504e-08, -2.2665928554488346e-05},
                new double[] {7.407196972053498e-05, 0.00020756757294293493, -0.00013055138697382063,
                    0.00010140361700905487, -6.26791370450519e-05});
    }

    /** B[0, :3], B[−1, −2:], A[0] and A[−1] as torch_init.py prints them. */
    private static void check(Model m, double[] b0, double[] bLast, double[] a0, double[] aLast) {
        INDArray b = m.encoder();
        INDArray a = m.decoder();
        long p = b.rows();
        long n = b.columns();
        for (int j = 0; j < 3; j++) {
            assertEquals(b0[j], b.getDouble(0, j), TOL, "B[0, " + j + "]");
        }
        assertEquals(bLast[0], b.getDouble(p - 1, n - 2), TOL, "B[-1, -2]");
        assertEquals(bLast[1], b.getDouble(p - 1, n - 1), TOL, "B[-1, -1]");
        assertArrayEquals(a0, a.getRow(0).toDoubleVector(), TOL, "A[0]");
        assertArrayEquals(aLast, a.getRow(a.rows() - 1).toDoubleVector(), TOL, "A[-1]");
    }

    /** One draw for all of Fig. 4's models: LinearVAE's constructor draws as LinearAE's does. */
    @Test
    void theLinearVaeStartsWhereTheAutoencodersStart() {
        Model ae = authors(30, 2, false);
        VaeParameters vae = VaeParameters.authorsInit(30, 2, 1e-4, 1234, DataType.DOUBLE);
        assertEquals(ae.encoder(), vae.encoder());
        assertEquals(ae.decoder(), vae.decoder());
    }

    /** Tied (one parameter), A = Bᵀ from the encoder's draw, as the authors' train_models(tie_weights=True) copies it. */
    @Test
    void tiedWeightsStartFromTheEncoderDraw() {
        Model tied = authors(30, 2, true);
        assertTrue(tied.isTied());
        assertEquals(authors(30, 2, false).encoder().transpose(), tied.decoder());
    }

    @Test
    void laesOwnInitIsUnchangedAndTorchNeedsSixteenEntries() {
        Initialization normal = Initialization.of("normal", 1e-4, 1234);
        Model own = Model.random(30, 30, 2, 1e-4, false, false, 1234, DataType.DOUBLE);
        assertEquals(own.encoder(), normal.create(30, 30, 2, false, DataType.DOUBLE).encoder());
        assertEquals(own.decoder(), normal.create(30, 30, 2, false, DataType.DOUBLE).decoder());
        Initialization small = Initialization.of("torch", 1e-4, 0);
        LaeException e = assertThrows(LaeException.class, () -> small.create(5, 5, 2, false, DataType.DOUBLE));
        assertTrue(e.getMessage().contains("16"), e.getMessage());
        LaeException bad = assertThrows(LaeException.class, () -> Initialization.of("pytorch", 1, 0));
        assertTrue(bad.getMessage().contains("normal, balanced or torch"), bad.getMessage());
    }
}
