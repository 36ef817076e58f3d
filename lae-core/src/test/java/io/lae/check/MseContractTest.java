package io.lae.check;

/** The gradient-check contract for {@code mse}. */
class MseContractTest extends LossContractTest {

    @Override
    String lossName() {
        return "mse";
    }
}
